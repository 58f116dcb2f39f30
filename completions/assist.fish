# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_assist_global_optspecs
    string join \n profile= config= o/output= region= project-id= endpoint= color= v/verbose connect-timeout= timeout= max-attempts= h/help V/version
end

function __fish_assist_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_assist_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_assist_using_subcommand
    set -l cmd (__fish_assist_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c assist -n "__fish_assist_needs_command" -l profile -d 'Profile to use [env: ASSIST_PROFILE] [default: `default_profile` of the file, else "default"; "demo" is built in]' -r
complete -c assist -n "__fish_assist_needs_command" -l config -d 'Config file [env: ASSIST_CONFIG] [default: the platform config dir, e.g. ~/.config/assist/config.toml]' -r -F
complete -c assist -n "__fish_assist_needs_command" -s o -l output -d 'How to render results [env: ASSIST_OUTPUT] [default: the profile\'s `output`, else table]' -r -f -a "table\t'For people: aligned, coloured on a terminal'
json\t'For scripts: stable JSON (NDJSON for `watch`)'
code\t'The invitation code alone (exit 9 when there is none); for `desktops` and `sessions`, IDs one per line'"
complete -c assist -n "__fish_assist_needs_command" -l region -d 'Region, overriding the profile\'s (selects https://workspace.<region>.myhuaweicloud.com) [env: ASSIST_REGION]' -r
complete -c assist -n "__fish_assist_needs_command" -l project-id -d 'Project ID, overriding the profile\'s [env: ASSIST_PROJECT_ID]' -r
complete -c assist -n "__fish_assist_needs_command" -l endpoint -d 'Workspace endpoint URL, overriding the region\'s (private endpoints, the simulator) [env: ASSIST_ENDPOINT]' -r
complete -c assist -n "__fish_assist_needs_command" -l color -d 'When to use colour (NO_COLOR is honoured by `auto`)' -r -f -a "auto\t'Only when stdout is a terminal and NO_COLOR is not set'
always\t'Always, even into a pipe'
never\t'Never'"
complete -c assist -n "__fish_assist_needs_command" -l connect-timeout -d 'Limit for establishing a connection, like 500ms, 5s' -r
complete -c assist -n "__fish_assist_needs_command" -l timeout -d 'Limit for one whole request, like 30s, 2m (for watch and start --wait without --deadline, also the overall limit)' -r
complete -c assist -n "__fish_assist_needs_command" -l max-attempts -d 'Attempts per request for transient failures (GET/DELETE; POST only if never sent)' -r
complete -c assist -n "__fish_assist_needs_command" -s v -l verbose -d 'Show requests on stderr (-vv: also headers); secrets are always redacted'
complete -c assist -n "__fish_assist_needs_command" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c assist -n "__fish_assist_needs_command" -s V -l version -d 'Print version'
complete -c assist -n "__fish_assist_needs_command" -f -a "show" -d 'Show the remote-assistance state and invitation code of one desktop'
complete -c assist -n "__fish_assist_needs_command" -f -a "start" -d 'Ask the end user for remote assistance (POST); --wait waits for the invitation code'
complete -c assist -n "__fish_assist_needs_command" -f -a "cancel" -d 'Close the remote-assistance session of a desktop (DELETE)'
complete -c assist -n "__fish_assist_needs_command" -f -a "watch" -d 'Poll one or many desktops and report each change, until a status, a deadline or Ctrl-C'
complete -c assist -n "__fish_assist_needs_command" -f -a "config" -d 'Where the config is, its profiles, the resolved settings, a guided set-up, a live check'
complete -c assist -n "__fish_assist_needs_command" -f -a "desktops" -d 'Find desktops by computer name, user, IP or status (ListDesktops), to learn their IDs'
complete -c assist -n "__fish_assist_needs_command" -f -a "sessions" -d 'Every open or pending session of the project (or of a selector), oldest first; --cancel closes them, --watch keeps a live board'
complete -c assist -n "__fish_assist_needs_command" -f -a "sim" -d 'Run the local Workspace simulator (for the demo, tests and trying scripts)'
complete -c assist -n "__fish_assist_needs_command" -f -a "completions" -d 'Print a shell completion script'
complete -c assist -n "__fish_assist_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c assist -n "__fish_assist_using_subcommand show" -l name -d 'Select the desktop by computer name (an exact match, any case, wins over partial ones)' -r
complete -c assist -n "__fish_assist_using_subcommand show" -l user -d 'Select the desktop by user name (an exact match, any case, wins over partial ones)' -r
complete -c assist -n "__fish_assist_using_subcommand show" -l ip -d 'Select the desktop by IP address' -r
complete -c assist -n "__fish_assist_using_subcommand show" -l profile -d 'Profile to use [env: ASSIST_PROFILE] [default: `default_profile` of the file, else "default"; "demo" is built in]' -r
complete -c assist -n "__fish_assist_using_subcommand show" -l config -d 'Config file [env: ASSIST_CONFIG] [default: the platform config dir, e.g. ~/.config/assist/config.toml]' -r -F
complete -c assist -n "__fish_assist_using_subcommand show" -s o -l output -d 'How to render results [env: ASSIST_OUTPUT] [default: the profile\'s `output`, else table]' -r -f -a "table\t'For people: aligned, coloured on a terminal'
json\t'For scripts: stable JSON (NDJSON for `watch`)'
code\t'The invitation code alone (exit 9 when there is none); for `desktops` and `sessions`, IDs one per line'"
complete -c assist -n "__fish_assist_using_subcommand show" -l region -d 'Region, overriding the profile\'s (selects https://workspace.<region>.myhuaweicloud.com) [env: ASSIST_REGION]' -r
complete -c assist -n "__fish_assist_using_subcommand show" -l project-id -d 'Project ID, overriding the profile\'s [env: ASSIST_PROJECT_ID]' -r
complete -c assist -n "__fish_assist_using_subcommand show" -l endpoint -d 'Workspace endpoint URL, overriding the region\'s (private endpoints, the simulator) [env: ASSIST_ENDPOINT]' -r
complete -c assist -n "__fish_assist_using_subcommand show" -l color -d 'When to use colour (NO_COLOR is honoured by `auto`)' -r -f -a "auto\t'Only when stdout is a terminal and NO_COLOR is not set'
always\t'Always, even into a pipe'
never\t'Never'"
complete -c assist -n "__fish_assist_using_subcommand show" -l connect-timeout -d 'Limit for establishing a connection, like 500ms, 5s' -r
complete -c assist -n "__fish_assist_using_subcommand show" -l timeout -d 'Limit for one whole request, like 30s, 2m (for watch and start --wait without --deadline, also the overall limit)' -r
complete -c assist -n "__fish_assist_using_subcommand show" -l max-attempts -d 'Attempts per request for transient failures (GET/DELETE; POST only if never sent)' -r
complete -c assist -n "__fish_assist_using_subcommand show" -l show-password -d 'Reveal the collaborative space\'s password instead of masking it'
complete -c assist -n "__fish_assist_using_subcommand show" -s v -l verbose -d 'Show requests on stderr (-vv: also headers); secrets are always redacted'
complete -c assist -n "__fish_assist_using_subcommand show" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c assist -n "__fish_assist_using_subcommand start" -l name -d 'Select the desktop by computer name (an exact match, any case, wins over partial ones)' -r
complete -c assist -n "__fish_assist_using_subcommand start" -l user -d 'Select the desktop by user name (an exact match, any case, wins over partial ones)' -r
complete -c assist -n "__fish_assist_using_subcommand start" -l ip -d 'Select the desktop by IP address' -r
complete -c assist -n "__fish_assist_using_subcommand start" -l interval -d 'With --wait: how often to poll (at least 100ms)' -r
complete -c assist -n "__fish_assist_using_subcommand start" -l deadline -d 'With --wait: give up after this long (exit 8) [default: --timeout when given, else 10m]' -r
complete -c assist -n "__fish_assist_using_subcommand start" -l profile -d 'Profile to use [env: ASSIST_PROFILE] [default: `default_profile` of the file, else "default"; "demo" is built in]' -r
complete -c assist -n "__fish_assist_using_subcommand start" -l config -d 'Config file [env: ASSIST_CONFIG] [default: the platform config dir, e.g. ~/.config/assist/config.toml]' -r -F
complete -c assist -n "__fish_assist_using_subcommand start" -s o -l output -d 'How to render results [env: ASSIST_OUTPUT] [default: the profile\'s `output`, else table]' -r -f -a "table\t'For people: aligned, coloured on a terminal'
json\t'For scripts: stable JSON (NDJSON for `watch`)'
code\t'The invitation code alone (exit 9 when there is none); for `desktops` and `sessions`, IDs one per line'"
complete -c assist -n "__fish_assist_using_subcommand start" -l region -d 'Region, overriding the profile\'s (selects https://workspace.<region>.myhuaweicloud.com) [env: ASSIST_REGION]' -r
complete -c assist -n "__fish_assist_using_subcommand start" -l project-id -d 'Project ID, overriding the profile\'s [env: ASSIST_PROJECT_ID]' -r
complete -c assist -n "__fish_assist_using_subcommand start" -l endpoint -d 'Workspace endpoint URL, overriding the region\'s (private endpoints, the simulator) [env: ASSIST_ENDPOINT]' -r
complete -c assist -n "__fish_assist_using_subcommand start" -l color -d 'When to use colour (NO_COLOR is honoured by `auto`)' -r -f -a "auto\t'Only when stdout is a terminal and NO_COLOR is not set'
always\t'Always, even into a pipe'
never\t'Never'"
complete -c assist -n "__fish_assist_using_subcommand start" -l connect-timeout -d 'Limit for establishing a connection, like 500ms, 5s' -r
complete -c assist -n "__fish_assist_using_subcommand start" -l timeout -d 'Limit for one whole request, like 30s, 2m (for watch and start --wait without --deadline, also the overall limit)' -r
complete -c assist -n "__fish_assist_using_subcommand start" -l max-attempts -d 'Attempts per request for transient failures (GET/DELETE; POST only if never sent)' -r
complete -c assist -n "__fish_assist_using_subcommand start" -l wait -d 'Then wait until the space is OPEN and print the final record (or just the code)'
complete -c assist -n "__fish_assist_using_subcommand start" -l new -d 'When a session is already open or waiting for the user, cancel it and ask again (without --new, that session is reported, and waited on with --wait)'
complete -c assist -n "__fish_assist_using_subcommand start" -s v -l verbose -d 'Show requests on stderr (-vv: also headers); secrets are always redacted'
complete -c assist -n "__fish_assist_using_subcommand start" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c assist -n "__fish_assist_using_subcommand cancel" -l name -d 'Select the desktop by computer name (an exact match, any case, wins over partial ones)' -r
complete -c assist -n "__fish_assist_using_subcommand cancel" -l user -d 'Select the desktop by user name (an exact match, any case, wins over partial ones)' -r
complete -c assist -n "__fish_assist_using_subcommand cancel" -l ip -d 'Select the desktop by IP address' -r
complete -c assist -n "__fish_assist_using_subcommand cancel" -l profile -d 'Profile to use [env: ASSIST_PROFILE] [default: `default_profile` of the file, else "default"; "demo" is built in]' -r
complete -c assist -n "__fish_assist_using_subcommand cancel" -l config -d 'Config file [env: ASSIST_CONFIG] [default: the platform config dir, e.g. ~/.config/assist/config.toml]' -r -F
complete -c assist -n "__fish_assist_using_subcommand cancel" -s o -l output -d 'How to render results [env: ASSIST_OUTPUT] [default: the profile\'s `output`, else table]' -r -f -a "table\t'For people: aligned, coloured on a terminal'
json\t'For scripts: stable JSON (NDJSON for `watch`)'
code\t'The invitation code alone (exit 9 when there is none); for `desktops` and `sessions`, IDs one per line'"
complete -c assist -n "__fish_assist_using_subcommand cancel" -l region -d 'Region, overriding the profile\'s (selects https://workspace.<region>.myhuaweicloud.com) [env: ASSIST_REGION]' -r
complete -c assist -n "__fish_assist_using_subcommand cancel" -l project-id -d 'Project ID, overriding the profile\'s [env: ASSIST_PROJECT_ID]' -r
complete -c assist -n "__fish_assist_using_subcommand cancel" -l endpoint -d 'Workspace endpoint URL, overriding the region\'s (private endpoints, the simulator) [env: ASSIST_ENDPOINT]' -r
complete -c assist -n "__fish_assist_using_subcommand cancel" -l color -d 'When to use colour (NO_COLOR is honoured by `auto`)' -r -f -a "auto\t'Only when stdout is a terminal and NO_COLOR is not set'
always\t'Always, even into a pipe'
never\t'Never'"
complete -c assist -n "__fish_assist_using_subcommand cancel" -l connect-timeout -d 'Limit for establishing a connection, like 500ms, 5s' -r
complete -c assist -n "__fish_assist_using_subcommand cancel" -l timeout -d 'Limit for one whole request, like 30s, 2m (for watch and start --wait without --deadline, also the overall limit)' -r
complete -c assist -n "__fish_assist_using_subcommand cancel" -l max-attempts -d 'Attempts per request for transient failures (GET/DELETE; POST only if never sent)' -r
complete -c assist -n "__fish_assist_using_subcommand cancel" -s v -l verbose -d 'Show requests on stderr (-vv: also headers); secrets are always redacted'
complete -c assist -n "__fish_assist_using_subcommand cancel" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c assist -n "__fish_assist_using_subcommand watch" -l file -d 'Read desktop IDs from a file (one per line; blank lines and # comments skipped)' -r -F
complete -c assist -n "__fish_assist_using_subcommand watch" -l relist -d 'With --all: how often to list the project\'s desktops again' -r
complete -c assist -n "__fish_assist_using_subcommand watch" -l interval -d 'How often to poll each desktop (requests are spread over the interval; at least 100ms)' -r
complete -c assist -n "__fish_assist_using_subcommand watch" -l concurrency -d 'How many requests may be in flight at once' -r
complete -c assist -n "__fish_assist_using_subcommand watch" -l max-rate -d 'Cap on requests per second across all desktops (a 429 also slows the whole watch)' -r
complete -c assist -n "__fish_assist_using_subcommand watch" -l until -d 'Stop with exit 0 once every desktop has reached one of these statuses' -r
complete -c assist -n "__fish_assist_using_subcommand watch" -l deadline -d 'Give up after this long (exit 8 when --until statuses are still pending) [default: --timeout when given, else none]' -r
complete -c assist -n "__fish_assist_using_subcommand watch" -l state -d 'Remember what was seen in FILE between runs and report only changes since the last run' -r -F
complete -c assist -n "__fish_assist_using_subcommand watch" -l name -d 'Also watch the desktops with this computer name (exact match, else every partial one)' -r
complete -c assist -n "__fish_assist_using_subcommand watch" -l user -d 'Also watch every desktop of this user (exact match, else every partial one)' -r
complete -c assist -n "__fish_assist_using_subcommand watch" -l ip -d 'Also watch the desktop with this IP address' -r
complete -c assist -n "__fish_assist_using_subcommand watch" -l profile -d 'Profile to use [env: ASSIST_PROFILE] [default: `default_profile` of the file, else "default"; "demo" is built in]' -r
complete -c assist -n "__fish_assist_using_subcommand watch" -l config -d 'Config file [env: ASSIST_CONFIG] [default: the platform config dir, e.g. ~/.config/assist/config.toml]' -r -F
complete -c assist -n "__fish_assist_using_subcommand watch" -s o -l output -d 'How to render results [env: ASSIST_OUTPUT] [default: the profile\'s `output`, else table]' -r -f -a "table\t'For people: aligned, coloured on a terminal'
json\t'For scripts: stable JSON (NDJSON for `watch`)'
code\t'The invitation code alone (exit 9 when there is none); for `desktops` and `sessions`, IDs one per line'"
complete -c assist -n "__fish_assist_using_subcommand watch" -l region -d 'Region, overriding the profile\'s (selects https://workspace.<region>.myhuaweicloud.com) [env: ASSIST_REGION]' -r
complete -c assist -n "__fish_assist_using_subcommand watch" -l project-id -d 'Project ID, overriding the profile\'s [env: ASSIST_PROJECT_ID]' -r
complete -c assist -n "__fish_assist_using_subcommand watch" -l endpoint -d 'Workspace endpoint URL, overriding the region\'s (private endpoints, the simulator) [env: ASSIST_ENDPOINT]' -r
complete -c assist -n "__fish_assist_using_subcommand watch" -l color -d 'When to use colour (NO_COLOR is honoured by `auto`)' -r -f -a "auto\t'Only when stdout is a terminal and NO_COLOR is not set'
always\t'Always, even into a pipe'
never\t'Never'"
complete -c assist -n "__fish_assist_using_subcommand watch" -l connect-timeout -d 'Limit for establishing a connection, like 500ms, 5s' -r
complete -c assist -n "__fish_assist_using_subcommand watch" -l timeout -d 'Limit for one whole request, like 30s, 2m (for watch and start --wait without --deadline, also the overall limit)' -r
complete -c assist -n "__fish_assist_using_subcommand watch" -l max-attempts -d 'Attempts per request for transient failures (GET/DELETE; POST only if never sent)' -r
complete -c assist -n "__fish_assist_using_subcommand watch" -l all -d 'Watch every desktop of the project, listed again every --relist (new ones join, deleted ones leave with a note)'
complete -c assist -n "__fish_assist_using_subcommand watch" -l once -d 'Poll each desktop once and exit (for cron)'
complete -c assist -n "__fish_assist_using_subcommand watch" -s v -l verbose -d 'Show requests on stderr (-vv: also headers); secrets are always redacted'
complete -c assist -n "__fish_assist_using_subcommand watch" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c assist -n "__fish_assist_using_subcommand config; and not __fish_seen_subcommand_from path list show init check help" -l profile -d 'Profile to use [env: ASSIST_PROFILE] [default: `default_profile` of the file, else "default"; "demo" is built in]' -r
complete -c assist -n "__fish_assist_using_subcommand config; and not __fish_seen_subcommand_from path list show init check help" -l config -d 'Config file [env: ASSIST_CONFIG] [default: the platform config dir, e.g. ~/.config/assist/config.toml]' -r -F
complete -c assist -n "__fish_assist_using_subcommand config; and not __fish_seen_subcommand_from path list show init check help" -s o -l output -d 'How to render results [env: ASSIST_OUTPUT] [default: the profile\'s `output`, else table]' -r -f -a "table\t'For people: aligned, coloured on a terminal'
json\t'For scripts: stable JSON (NDJSON for `watch`)'
code\t'The invitation code alone (exit 9 when there is none); for `desktops` and `sessions`, IDs one per line'"
complete -c assist -n "__fish_assist_using_subcommand config; and not __fish_seen_subcommand_from path list show init check help" -l region -d 'Region, overriding the profile\'s (selects https://workspace.<region>.myhuaweicloud.com) [env: ASSIST_REGION]' -r
complete -c assist -n "__fish_assist_using_subcommand config; and not __fish_seen_subcommand_from path list show init check help" -l project-id -d 'Project ID, overriding the profile\'s [env: ASSIST_PROJECT_ID]' -r
complete -c assist -n "__fish_assist_using_subcommand config; and not __fish_seen_subcommand_from path list show init check help" -l endpoint -d 'Workspace endpoint URL, overriding the region\'s (private endpoints, the simulator) [env: ASSIST_ENDPOINT]' -r
complete -c assist -n "__fish_assist_using_subcommand config; and not __fish_seen_subcommand_from path list show init check help" -l color -d 'When to use colour (NO_COLOR is honoured by `auto`)' -r -f -a "auto\t'Only when stdout is a terminal and NO_COLOR is not set'
always\t'Always, even into a pipe'
never\t'Never'"
complete -c assist -n "__fish_assist_using_subcommand config; and not __fish_seen_subcommand_from path list show init check help" -l connect-timeout -d 'Limit for establishing a connection, like 500ms, 5s' -r
complete -c assist -n "__fish_assist_using_subcommand config; and not __fish_seen_subcommand_from path list show init check help" -l timeout -d 'Limit for one whole request, like 30s, 2m (for watch and start --wait without --deadline, also the overall limit)' -r
complete -c assist -n "__fish_assist_using_subcommand config; and not __fish_seen_subcommand_from path list show init check help" -l max-attempts -d 'Attempts per request for transient failures (GET/DELETE; POST only if never sent)' -r
complete -c assist -n "__fish_assist_using_subcommand config; and not __fish_seen_subcommand_from path list show init check help" -s v -l verbose -d 'Show requests on stderr (-vv: also headers); secrets are always redacted'
complete -c assist -n "__fish_assist_using_subcommand config; and not __fish_seen_subcommand_from path list show init check help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c assist -n "__fish_assist_using_subcommand config; and not __fish_seen_subcommand_from path list show init check help" -f -a "path" -d 'The config file, cache dir and SDK credentials file that would be used'
complete -c assist -n "__fish_assist_using_subcommand config; and not __fish_seen_subcommand_from path list show init check help" -f -a "list" -d 'The profiles: region, auth mode and where each secret comes from (never its value)'
complete -c assist -n "__fish_assist_using_subcommand config; and not __fish_seen_subcommand_from path list show init check help" -f -a "show" -d 'The resolved settings of a profile, each with its source; secrets as (set, from …)'
complete -c assist -n "__fish_assist_using_subcommand config; and not __fish_seen_subcommand_from path list show init check help" -f -a "init" -d 'Write a profile: guided on a terminal, from flags with --no-input (file mode 0600)'
complete -c assist -n "__fish_assist_using_subcommand config; and not __fish_seen_subcommand_from path list show init check help" -f -a "check" -d 'Resolve everything and make one cheap authenticated call; report the failing step'
complete -c assist -n "__fish_assist_using_subcommand config; and not __fish_seen_subcommand_from path list show init check help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c assist -n "__fish_assist_using_subcommand config; and __fish_seen_subcommand_from path" -l profile -d 'Profile to use [env: ASSIST_PROFILE] [default: `default_profile` of the file, else "default"; "demo" is built in]' -r
complete -c assist -n "__fish_assist_using_subcommand config; and __fish_seen_subcommand_from path" -l config -d 'Config file [env: ASSIST_CONFIG] [default: the platform config dir, e.g. ~/.config/assist/config.toml]' -r -F
complete -c assist -n "__fish_assist_using_subcommand config; and __fish_seen_subcommand_from path" -s o -l output -d 'How to render results [env: ASSIST_OUTPUT] [default: the profile\'s `output`, else table]' -r -f -a "table\t'For people: aligned, coloured on a terminal'
json\t'For scripts: stable JSON (NDJSON for `watch`)'
code\t'The invitation code alone (exit 9 when there is none); for `desktops` and `sessions`, IDs one per line'"
complete -c assist -n "__fish_assist_using_subcommand config; and __fish_seen_subcommand_from path" -l region -d 'Region, overriding the profile\'s (selects https://workspace.<region>.myhuaweicloud.com) [env: ASSIST_REGION]' -r
complete -c assist -n "__fish_assist_using_subcommand config; and __fish_seen_subcommand_from path" -l project-id -d 'Project ID, overriding the profile\'s [env: ASSIST_PROJECT_ID]' -r
complete -c assist -n "__fish_assist_using_subcommand config; and __fish_seen_subcommand_from path" -l endpoint -d 'Workspace endpoint URL, overriding the region\'s (private endpoints, the simulator) [env: ASSIST_ENDPOINT]' -r
complete -c assist -n "__fish_assist_using_subcommand config; and __fish_seen_subcommand_from path" -l color -d 'When to use colour (NO_COLOR is honoured by `auto`)' -r -f -a "auto\t'Only when stdout is a terminal and NO_COLOR is not set'
always\t'Always, even into a pipe'
never\t'Never'"
complete -c assist -n "__fish_assist_using_subcommand config; and __fish_seen_subcommand_from path" -l connect-timeout -d 'Limit for establishing a connection, like 500ms, 5s' -r
complete -c assist -n "__fish_assist_using_subcommand config; and __fish_seen_subcommand_from path" -l timeout -d 'Limit for one whole request, like 30s, 2m (for watch and start --wait without --deadline, also the overall limit)' -r
complete -c assist -n "__fish_assist_using_subcommand config; and __fish_seen_subcommand_from path" -l max-attempts -d 'Attempts per request for transient failures (GET/DELETE; POST only if never sent)' -r
complete -c assist -n "__fish_assist_using_subcommand config; and __fish_seen_subcommand_from path" -s v -l verbose -d 'Show requests on stderr (-vv: also headers); secrets are always redacted'
complete -c assist -n "__fish_assist_using_subcommand config; and __fish_seen_subcommand_from path" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c assist -n "__fish_assist_using_subcommand config; and __fish_seen_subcommand_from list" -l profile -d 'Profile to use [env: ASSIST_PROFILE] [default: `default_profile` of the file, else "default"; "demo" is built in]' -r
complete -c assist -n "__fish_assist_using_subcommand config; and __fish_seen_subcommand_from list" -l config -d 'Config file [env: ASSIST_CONFIG] [default: the platform config dir, e.g. ~/.config/assist/config.toml]' -r -F
complete -c assist -n "__fish_assist_using_subcommand config; and __fish_seen_subcommand_from list" -s o -l output -d 'How to render results [env: ASSIST_OUTPUT] [default: the profile\'s `output`, else table]' -r -f -a "table\t'For people: aligned, coloured on a terminal'
json\t'For scripts: stable JSON (NDJSON for `watch`)'
code\t'The invitation code alone (exit 9 when there is none); for `desktops` and `sessions`, IDs one per line'"
complete -c assist -n "__fish_assist_using_subcommand config; and __fish_seen_subcommand_from list" -l region -d 'Region, overriding the profile\'s (selects https://workspace.<region>.myhuaweicloud.com) [env: ASSIST_REGION]' -r
complete -c assist -n "__fish_assist_using_subcommand config; and __fish_seen_subcommand_from list" -l project-id -d 'Project ID, overriding the profile\'s [env: ASSIST_PROJECT_ID]' -r
complete -c assist -n "__fish_assist_using_subcommand config; and __fish_seen_subcommand_from list" -l endpoint -d 'Workspace endpoint URL, overriding the region\'s (private endpoints, the simulator) [env: ASSIST_ENDPOINT]' -r
complete -c assist -n "__fish_assist_using_subcommand config; and __fish_seen_subcommand_from list" -l color -d 'When to use colour (NO_COLOR is honoured by `auto`)' -r -f -a "auto\t'Only when stdout is a terminal and NO_COLOR is not set'
always\t'Always, even into a pipe'
never\t'Never'"
complete -c assist -n "__fish_assist_using_subcommand config; and __fish_seen_subcommand_from list" -l connect-timeout -d 'Limit for establishing a connection, like 500ms, 5s' -r
complete -c assist -n "__fish_assist_using_subcommand config; and __fish_seen_subcommand_from list" -l timeout -d 'Limit for one whole request, like 30s, 2m (for watch and start --wait without --deadline, also the overall limit)' -r
complete -c assist -n "__fish_assist_using_subcommand config; and __fish_seen_subcommand_from list" -l max-attempts -d 'Attempts per request for transient failures (GET/DELETE; POST only if never sent)' -r
complete -c assist -n "__fish_assist_using_subcommand config; and __fish_seen_subcommand_from list" -s v -l verbose -d 'Show requests on stderr (-vv: also headers); secrets are always redacted'
complete -c assist -n "__fish_assist_using_subcommand config; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c assist -n "__fish_assist_using_subcommand config; and __fish_seen_subcommand_from show" -l profile -d 'Profile to use [env: ASSIST_PROFILE] [default: `default_profile` of the file, else "default"; "demo" is built in]' -r
complete -c assist -n "__fish_assist_using_subcommand config; and __fish_seen_subcommand_from show" -l config -d 'Config file [env: ASSIST_CONFIG] [default: the platform config dir, e.g. ~/.config/assist/config.toml]' -r -F
complete -c assist -n "__fish_assist_using_subcommand config; and __fish_seen_subcommand_from show" -s o -l output -d 'How to render results [env: ASSIST_OUTPUT] [default: the profile\'s `output`, else table]' -r -f -a "table\t'For people: aligned, coloured on a terminal'
json\t'For scripts: stable JSON (NDJSON for `watch`)'
code\t'The invitation code alone (exit 9 when there is none); for `desktops` and `sessions`, IDs one per line'"
complete -c assist -n "__fish_assist_using_subcommand config; and __fish_seen_subcommand_from show" -l region -d 'Region, overriding the profile\'s (selects https://workspace.<region>.myhuaweicloud.com) [env: ASSIST_REGION]' -r
complete -c assist -n "__fish_assist_using_subcommand config; and __fish_seen_subcommand_from show" -l project-id -d 'Project ID, overriding the profile\'s [env: ASSIST_PROJECT_ID]' -r
complete -c assist -n "__fish_assist_using_subcommand config; and __fish_seen_subcommand_from show" -l endpoint -d 'Workspace endpoint URL, overriding the region\'s (private endpoints, the simulator) [env: ASSIST_ENDPOINT]' -r
complete -c assist -n "__fish_assist_using_subcommand config; and __fish_seen_subcommand_from show" -l color -d 'When to use colour (NO_COLOR is honoured by `auto`)' -r -f -a "auto\t'Only when stdout is a terminal and NO_COLOR is not set'
always\t'Always, even into a pipe'
never\t'Never'"
complete -c assist -n "__fish_assist_using_subcommand config; and __fish_seen_subcommand_from show" -l connect-timeout -d 'Limit for establishing a connection, like 500ms, 5s' -r
complete -c assist -n "__fish_assist_using_subcommand config; and __fish_seen_subcommand_from show" -l timeout -d 'Limit for one whole request, like 30s, 2m (for watch and start --wait without --deadline, also the overall limit)' -r
complete -c assist -n "__fish_assist_using_subcommand config; and __fish_seen_subcommand_from show" -l max-attempts -d 'Attempts per request for transient failures (GET/DELETE; POST only if never sent)' -r
complete -c assist -n "__fish_assist_using_subcommand config; and __fish_seen_subcommand_from show" -s v -l verbose -d 'Show requests on stderr (-vv: also headers); secrets are always redacted'
complete -c assist -n "__fish_assist_using_subcommand config; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c assist -n "__fish_assist_using_subcommand config; and __fish_seen_subcommand_from init" -l auth -d 'Authentication mode [default: aksk]' -r -f -a "aksk\t'Access key + secret key, signed like the official SDKs'
token\t'An IAM token'
password\t'IAM user + password, exchanged for tokens (cached)'"
complete -c assist -n "__fish_assist_using_subcommand config; and __fish_seen_subcommand_from init" -l ak -d 'Access key ID (not a secret)' -r
complete -c assist -n "__fish_assist_using_subcommand config; and __fish_seen_subcommand_from init" -l sk-command -d 'Command that prints the secret key (run at each use; nothing stored)' -r
complete -c assist -n "__fish_assist_using_subcommand config; and __fish_seen_subcommand_from init" -l sk-file -d 'File that holds the secret key' -r -F
complete -c assist -n "__fish_assist_using_subcommand config; and __fish_seen_subcommand_from init" -l token-command -d 'Command that prints an IAM token' -r
complete -c assist -n "__fish_assist_using_subcommand config; and __fish_seen_subcommand_from init" -l token-file -d 'File that holds an IAM token' -r -F
complete -c assist -n "__fish_assist_using_subcommand config; and __fish_seen_subcommand_from init" -l user -d 'IAM user name (password auth)' -r
complete -c assist -n "__fish_assist_using_subcommand config; and __fish_seen_subcommand_from init" -l domain -d 'Account (domain) name (password auth)' -r
complete -c assist -n "__fish_assist_using_subcommand config; and __fish_seen_subcommand_from init" -l password-command -d 'Command that prints the IAM password (password auth; the password never touches disk)' -r
complete -c assist -n "__fish_assist_using_subcommand config; and __fish_seen_subcommand_from init" -l iam-endpoint -d 'IAM endpoint, if not the region\'s' -r
complete -c assist -n "__fish_assist_using_subcommand config; and __fish_seen_subcommand_from init" -l profile -d 'Profile to use [env: ASSIST_PROFILE] [default: `default_profile` of the file, else "default"; "demo" is built in]' -r
complete -c assist -n "__fish_assist_using_subcommand config; and __fish_seen_subcommand_from init" -l config -d 'Config file [env: ASSIST_CONFIG] [default: the platform config dir, e.g. ~/.config/assist/config.toml]' -r -F
complete -c assist -n "__fish_assist_using_subcommand config; and __fish_seen_subcommand_from init" -s o -l output -d 'How to render results [env: ASSIST_OUTPUT] [default: the profile\'s `output`, else table]' -r -f -a "table\t'For people: aligned, coloured on a terminal'
json\t'For scripts: stable JSON (NDJSON for `watch`)'
code\t'The invitation code alone (exit 9 when there is none); for `desktops` and `sessions`, IDs one per line'"
complete -c assist -n "__fish_assist_using_subcommand config; and __fish_seen_subcommand_from init" -l region -d 'Region, overriding the profile\'s (selects https://workspace.<region>.myhuaweicloud.com) [env: ASSIST_REGION]' -r
complete -c assist -n "__fish_assist_using_subcommand config; and __fish_seen_subcommand_from init" -l project-id -d 'Project ID, overriding the profile\'s [env: ASSIST_PROJECT_ID]' -r
complete -c assist -n "__fish_assist_using_subcommand config; and __fish_seen_subcommand_from init" -l endpoint -d 'Workspace endpoint URL, overriding the region\'s (private endpoints, the simulator) [env: ASSIST_ENDPOINT]' -r
complete -c assist -n "__fish_assist_using_subcommand config; and __fish_seen_subcommand_from init" -l color -d 'When to use colour (NO_COLOR is honoured by `auto`)' -r -f -a "auto\t'Only when stdout is a terminal and NO_COLOR is not set'
always\t'Always, even into a pipe'
never\t'Never'"
complete -c assist -n "__fish_assist_using_subcommand config; and __fish_seen_subcommand_from init" -l connect-timeout -d 'Limit for establishing a connection, like 500ms, 5s' -r
complete -c assist -n "__fish_assist_using_subcommand config; and __fish_seen_subcommand_from init" -l timeout -d 'Limit for one whole request, like 30s, 2m (for watch and start --wait without --deadline, also the overall limit)' -r
complete -c assist -n "__fish_assist_using_subcommand config; and __fish_seen_subcommand_from init" -l max-attempts -d 'Attempts per request for transient failures (GET/DELETE; POST only if never sent)' -r
complete -c assist -n "__fish_assist_using_subcommand config; and __fish_seen_subcommand_from init" -l no-input -d 'Never prompt: take everything from flags (also the case without a terminal)'
complete -c assist -n "__fish_assist_using_subcommand config; and __fish_seen_subcommand_from init" -l force -d 'Replace the profile if it exists'
complete -c assist -n "__fish_assist_using_subcommand config; and __fish_seen_subcommand_from init" -l set-default -d 'Make it the default profile of the file'
complete -c assist -n "__fish_assist_using_subcommand config; and __fish_seen_subcommand_from init" -l sk-stdin -d 'Read the secret key from stdin and store it in the profile (file mode 0600)'
complete -c assist -n "__fish_assist_using_subcommand config; and __fish_seen_subcommand_from init" -s v -l verbose -d 'Show requests on stderr (-vv: also headers); secrets are always redacted'
complete -c assist -n "__fish_assist_using_subcommand config; and __fish_seen_subcommand_from init" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c assist -n "__fish_assist_using_subcommand config; and __fish_seen_subcommand_from check" -l profile -d 'Profile to use [env: ASSIST_PROFILE] [default: `default_profile` of the file, else "default"; "demo" is built in]' -r
complete -c assist -n "__fish_assist_using_subcommand config; and __fish_seen_subcommand_from check" -l config -d 'Config file [env: ASSIST_CONFIG] [default: the platform config dir, e.g. ~/.config/assist/config.toml]' -r -F
complete -c assist -n "__fish_assist_using_subcommand config; and __fish_seen_subcommand_from check" -s o -l output -d 'How to render results [env: ASSIST_OUTPUT] [default: the profile\'s `output`, else table]' -r -f -a "table\t'For people: aligned, coloured on a terminal'
json\t'For scripts: stable JSON (NDJSON for `watch`)'
code\t'The invitation code alone (exit 9 when there is none); for `desktops` and `sessions`, IDs one per line'"
complete -c assist -n "__fish_assist_using_subcommand config; and __fish_seen_subcommand_from check" -l region -d 'Region, overriding the profile\'s (selects https://workspace.<region>.myhuaweicloud.com) [env: ASSIST_REGION]' -r
complete -c assist -n "__fish_assist_using_subcommand config; and __fish_seen_subcommand_from check" -l project-id -d 'Project ID, overriding the profile\'s [env: ASSIST_PROJECT_ID]' -r
complete -c assist -n "__fish_assist_using_subcommand config; and __fish_seen_subcommand_from check" -l endpoint -d 'Workspace endpoint URL, overriding the region\'s (private endpoints, the simulator) [env: ASSIST_ENDPOINT]' -r
complete -c assist -n "__fish_assist_using_subcommand config; and __fish_seen_subcommand_from check" -l color -d 'When to use colour (NO_COLOR is honoured by `auto`)' -r -f -a "auto\t'Only when stdout is a terminal and NO_COLOR is not set'
always\t'Always, even into a pipe'
never\t'Never'"
complete -c assist -n "__fish_assist_using_subcommand config; and __fish_seen_subcommand_from check" -l connect-timeout -d 'Limit for establishing a connection, like 500ms, 5s' -r
complete -c assist -n "__fish_assist_using_subcommand config; and __fish_seen_subcommand_from check" -l timeout -d 'Limit for one whole request, like 30s, 2m (for watch and start --wait without --deadline, also the overall limit)' -r
complete -c assist -n "__fish_assist_using_subcommand config; and __fish_seen_subcommand_from check" -l max-attempts -d 'Attempts per request for transient failures (GET/DELETE; POST only if never sent)' -r
complete -c assist -n "__fish_assist_using_subcommand config; and __fish_seen_subcommand_from check" -s v -l verbose -d 'Show requests on stderr (-vv: also headers); secrets are always redacted'
complete -c assist -n "__fish_assist_using_subcommand config; and __fish_seen_subcommand_from check" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c assist -n "__fish_assist_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "path" -d 'The config file, cache dir and SDK credentials file that would be used'
complete -c assist -n "__fish_assist_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "list" -d 'The profiles: region, auth mode and where each secret comes from (never its value)'
complete -c assist -n "__fish_assist_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "show" -d 'The resolved settings of a profile, each with its source; secrets as (set, from …)'
complete -c assist -n "__fish_assist_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "init" -d 'Write a profile: guided on a terminal, from flags with --no-input (file mode 0600)'
complete -c assist -n "__fish_assist_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "check" -d 'Resolve everything and make one cheap authenticated call; report the failing step'
complete -c assist -n "__fish_assist_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c assist -n "__fish_assist_using_subcommand desktops" -l status -d 'Only desktops in this state: ACTIVE, SHUTOFF, ERROR, HIBERNATED' -r
complete -c assist -n "__fish_assist_using_subcommand desktops" -l name -d 'Computer names containing this text (any case)' -r
complete -c assist -n "__fish_assist_using_subcommand desktops" -l user -d 'User names containing this text (any case)' -r
complete -c assist -n "__fish_assist_using_subcommand desktops" -l ip -d 'The desktop with this IP address' -r
complete -c assist -n "__fish_assist_using_subcommand desktops" -l profile -d 'Profile to use [env: ASSIST_PROFILE] [default: `default_profile` of the file, else "default"; "demo" is built in]' -r
complete -c assist -n "__fish_assist_using_subcommand desktops" -l config -d 'Config file [env: ASSIST_CONFIG] [default: the platform config dir, e.g. ~/.config/assist/config.toml]' -r -F
complete -c assist -n "__fish_assist_using_subcommand desktops" -s o -l output -d 'How to render results [env: ASSIST_OUTPUT] [default: the profile\'s `output`, else table]' -r -f -a "table\t'For people: aligned, coloured on a terminal'
json\t'For scripts: stable JSON (NDJSON for `watch`)'
code\t'The invitation code alone (exit 9 when there is none); for `desktops` and `sessions`, IDs one per line'"
complete -c assist -n "__fish_assist_using_subcommand desktops" -l region -d 'Region, overriding the profile\'s (selects https://workspace.<region>.myhuaweicloud.com) [env: ASSIST_REGION]' -r
complete -c assist -n "__fish_assist_using_subcommand desktops" -l project-id -d 'Project ID, overriding the profile\'s [env: ASSIST_PROJECT_ID]' -r
complete -c assist -n "__fish_assist_using_subcommand desktops" -l endpoint -d 'Workspace endpoint URL, overriding the region\'s (private endpoints, the simulator) [env: ASSIST_ENDPOINT]' -r
complete -c assist -n "__fish_assist_using_subcommand desktops" -l color -d 'When to use colour (NO_COLOR is honoured by `auto`)' -r -f -a "auto\t'Only when stdout is a terminal and NO_COLOR is not set'
always\t'Always, even into a pipe'
never\t'Never'"
complete -c assist -n "__fish_assist_using_subcommand desktops" -l connect-timeout -d 'Limit for establishing a connection, like 500ms, 5s' -r
complete -c assist -n "__fish_assist_using_subcommand desktops" -l timeout -d 'Limit for one whole request, like 30s, 2m (for watch and start --wait without --deadline, also the overall limit)' -r
complete -c assist -n "__fish_assist_using_subcommand desktops" -l max-attempts -d 'Attempts per request for transient failures (GET/DELETE; POST only if never sent)' -r
complete -c assist -n "__fish_assist_using_subcommand desktops" -s v -l verbose -d 'Show requests on stderr (-vv: also headers); secrets are always redacted'
complete -c assist -n "__fish_assist_using_subcommand desktops" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c assist -n "__fish_assist_using_subcommand sessions" -l status -d 'Only desktops in this state (ACTIVE, SHUTOFF, ERROR, HIBERNATED), or only sessions in this state (OPEN, WAIT_USER_CONFIRM, WAIT_USER_ACCESS)' -r
complete -c assist -n "__fish_assist_using_subcommand sessions" -l older-than -d 'Only sessions created longer ago than this, like 2h (a session whose creation time the cloud does not give is left out)' -r
complete -c assist -n "__fish_assist_using_subcommand sessions" -l interval -d 'With --watch: how often to poll each desktop' -r
complete -c assist -n "__fish_assist_using_subcommand sessions" -l concurrency -d 'How many requests may be in flight at once' -r
complete -c assist -n "__fish_assist_using_subcommand sessions" -l max-rate -d 'Cap on requests per second (a 429 also slows the whole run)' -r
complete -c assist -n "__fish_assist_using_subcommand sessions" -l name -d 'Only desktops whose computer name contains this text (any case)' -r
complete -c assist -n "__fish_assist_using_subcommand sessions" -l user -d 'Only desktops whose user name contains this text (any case)' -r
complete -c assist -n "__fish_assist_using_subcommand sessions" -l ip -d 'Only the desktop with this IP address' -r
complete -c assist -n "__fish_assist_using_subcommand sessions" -l profile -d 'Profile to use [env: ASSIST_PROFILE] [default: `default_profile` of the file, else "default"; "demo" is built in]' -r
complete -c assist -n "__fish_assist_using_subcommand sessions" -l config -d 'Config file [env: ASSIST_CONFIG] [default: the platform config dir, e.g. ~/.config/assist/config.toml]' -r -F
complete -c assist -n "__fish_assist_using_subcommand sessions" -s o -l output -d 'How to render results [env: ASSIST_OUTPUT] [default: the profile\'s `output`, else table]' -r -f -a "table\t'For people: aligned, coloured on a terminal'
json\t'For scripts: stable JSON (NDJSON for `watch`)'
code\t'The invitation code alone (exit 9 when there is none); for `desktops` and `sessions`, IDs one per line'"
complete -c assist -n "__fish_assist_using_subcommand sessions" -l region -d 'Region, overriding the profile\'s (selects https://workspace.<region>.myhuaweicloud.com) [env: ASSIST_REGION]' -r
complete -c assist -n "__fish_assist_using_subcommand sessions" -l project-id -d 'Project ID, overriding the profile\'s [env: ASSIST_PROJECT_ID]' -r
complete -c assist -n "__fish_assist_using_subcommand sessions" -l endpoint -d 'Workspace endpoint URL, overriding the region\'s (private endpoints, the simulator) [env: ASSIST_ENDPOINT]' -r
complete -c assist -n "__fish_assist_using_subcommand sessions" -l color -d 'When to use colour (NO_COLOR is honoured by `auto`)' -r -f -a "auto\t'Only when stdout is a terminal and NO_COLOR is not set'
always\t'Always, even into a pipe'
never\t'Never'"
complete -c assist -n "__fish_assist_using_subcommand sessions" -l connect-timeout -d 'Limit for establishing a connection, like 500ms, 5s' -r
complete -c assist -n "__fish_assist_using_subcommand sessions" -l timeout -d 'Limit for one whole request, like 30s, 2m (for watch and start --wait without --deadline, also the overall limit)' -r
complete -c assist -n "__fish_assist_using_subcommand sessions" -l max-attempts -d 'Attempts per request for transient failures (GET/DELETE; POST only if never sent)' -r
complete -c assist -n "__fish_assist_using_subcommand sessions" -l cancel -d 'Close every listed session: asks first on a terminal; scripts add --yes'
complete -c assist -n "__fish_assist_using_subcommand sessions" -l yes -d 'With --cancel: do not ask'
complete -c assist -n "__fish_assist_using_subcommand sessions" -l watch -d 'Keep a live board on a terminal, redrawn in place (q or Ctrl-C quits); without a terminal, one line per change'
complete -c assist -n "__fish_assist_using_subcommand sessions" -s v -l verbose -d 'Show requests on stderr (-vv: also headers); secrets are always redacted'
complete -c assist -n "__fish_assist_using_subcommand sessions" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c assist -n "__fish_assist_using_subcommand sim" -l addr -d 'Address to listen on; port 0 picks a free port. Only loopback unless --allow-remote' -r
complete -c assist -n "__fish_assist_using_subcommand sim" -l ak -d 'Access key (AK) the simulator accepts for SDK-HMAC-SHA256 signatures' -r
complete -c assist -n "__fish_assist_using_subcommand sim" -l sk -d 'Secret key (SK) the simulator verifies signatures with [default: the demo SK]' -r
complete -c assist -n "__fish_assist_using_subcommand sim" -l token -d 'Token the simulator accepts in X-Auth-Token [default: the demo token]' -r
complete -c assist -n "__fish_assist_using_subcommand sim" -l temp-ak -d 'Temporary access key: accepted only with --security-token in X-Security-Token' -r
complete -c assist -n "__fish_assist_using_subcommand sim" -l temp-sk -d 'Secret key of --temp-ak [default: the demo temporary SK]' -r
complete -c assist -n "__fish_assist_using_subcommand sim" -l security-token -d 'The security token that goes with --temp-ak; any other X-Security-Token is refused (401) [default: the demo security token]' -r
complete -c assist -n "__fish_assist_using_subcommand sim" -l project-id -d 'Project ID served under /v2/{project_id}/, and the ID of the --region project in IAM' -r
complete -c assist -n "__fish_assist_using_subcommand sim" -l region -d 'Region name of the one IAM project (token scope.project.name, GET /v3/projects?name=)' -r
complete -c assist -n "__fish_assist_using_subcommand sim" -l iam-user -d 'User who may get a token from POST /v3/auth/tokens with this password; repeatable. The password may contain \':\' [default: demo-user:Demo-Passw0rd!]' -r
complete -c assist -n "__fish_assist_using_subcommand sim" -l iam-domain -d 'Account (domain) name of every --iam-user, as in password.user.domain.name' -r
complete -c assist -n "__fish_assist_using_subcommand sim" -l token-ttl -d 'How long a token issued by POST /v3/auth/tokens is accepted, e.g. 24h, 2s' -r
complete -c assist -n "__fish_assist_using_subcommand sim" -l confirm-after -d 'Time from start until the end user "confirms" (WAIT_USER_CONFIRM -> WAIT_USER_ACCESS), e.g. 2s, 100ms' -r
complete -c assist -n "__fish_assist_using_subcommand sim" -l access-after -d 'Further time until the end user "enables access" (WAIT_USER_ACCESS -> OPEN)' -r
complete -c assist -n "__fish_assist_using_subcommand sim" -l refuse -d 'Desktop whose end user declines new requests (-> CLOSE with failed_reason); repeatable' -r
complete -c assist -n "__fish_assist_using_subcommand sim" -l desktops -d 'Seed N more desktops 00000000-0000-4000-8000-{index:012} (PC-00001, user001, ...)' -r
complete -c assist -n "__fish_assist_using_subcommand sim" -l seed-status -d 'Assistance records of the --desktops ones: none until started, or a fixed mix' -r -f -a "none\t'No record until an assistance is started'
mixed\t'A deterministic mix of OPEN, WAIT_USER_CONFIRM, WAIT_USER_ACCESS, CLOSE and no record'"
complete -c assist -n "__fish_assist_using_subcommand sim" -l fault -d 'Misbehave on a fraction (--fault-rate) of Workspace requests: latency[:DUR], 403, 429, 500, 502, 503, 504, html, empty, truncated, wrong-types, nulls, unknown-status, escapes, huge (10 MB), trickle (1 byte/s for 4 bytes, then the rest), drop, redirect, flood (ListDesktops: 20,000 desktops a page, no end), echo-headers (a 400 quoting every request header), spoof (bidi overrides, zero-width characters, C1 controls); or mixed: per faulted request one of them at random (latency up to 2s), never redirect, which is a permanent answer rather than a passing failure' -r
complete -c assist -n "__fish_assist_using_subcommand sim" -l fault-rate -d 'Fraction of Workspace requests that get --fault, from 0 to 1' -r
complete -c assist -n "__fish_assist_using_subcommand sim" -l fault-on -d 'Always misbehave for one desktop, e.g. --fault-on a130ab3a-...=500; repeatable' -r
complete -c assist -n "__fish_assist_using_subcommand sim" -l latency -d 'Extra delay before every Workspace answer, e.g. 200ms' -r
complete -c assist -n "__fish_assist_using_subcommand sim" -l retry-after -d 'Seconds sent in the Retry-After header of a 429 fault' -r
complete -c assist -n "__fish_assist_using_subcommand sim" -l clock-ahead -d 'Run the gateway\'s clock this far ahead of the machine\'s, e.g. 20m: every AK/SK request then fails with APIGW.0303 (clock skew), as from a client whose clock is late' -r
complete -c assist -n "__fish_assist_using_subcommand sim" -l no-record-as -d 'What GET answers for an existing desktop without an assistance record (the cloud\'s answer is not documented): 404 with a SIM.0411 code, 200 with `{}`, or 200 with the nine fields null' -r -f -a "404\t'404, the same answer as for a desktop that does not exist (as the real API may)'
empty\t'200 with an empty object `{}`'
nulls\t'200 with the nine fields, each null'"
complete -c assist -n "__fish_assist_using_subcommand sim" -l post-on-active -d 'What POST answers on a desktop whose session is already open or pending (not documented either): the existing record (200), or 409 SIM.0409' -r -f -a "record\t'200 with the existing session, as if it had just been created'
conflict\t'409 Conflict (the real code is not known; the client goes by the status)'"
complete -c assist -n "__fish_assist_using_subcommand sim" -l page-size-cap -d 'Largest page ListDesktops answers, whatever limit the client asks for (at most 1000)' -r
complete -c assist -n "__fish_assist_using_subcommand sim" -l name-match -d 'How ListDesktops matches `computer_name`: exact (whole name, same case; the stricter reading of the API reference) or fuzzy (part of the name, any case)' -r -f -a "exact\t'The whole name, case-sensitive'
fuzzy\t'Part of the name, in any case'"
complete -c assist -n "__fish_assist_using_subcommand sim" -l tls-cert -d 'Serve HTTPS with this PEM certificate chain (with --tls-key) instead of plain HTTP' -r -F
complete -c assist -n "__fish_assist_using_subcommand sim" -l tls-key -d 'PEM private key (PKCS#8, PKCS#1 or SEC1) of --tls-cert' -r -F
complete -c assist -n "__fish_assist_using_subcommand sim" -l profile -d 'Profile to use [env: ASSIST_PROFILE] [default: `default_profile` of the file, else "default"; "demo" is built in]' -r
complete -c assist -n "__fish_assist_using_subcommand sim" -l config -d 'Config file [env: ASSIST_CONFIG] [default: the platform config dir, e.g. ~/.config/assist/config.toml]' -r -F
complete -c assist -n "__fish_assist_using_subcommand sim" -s o -l output -d 'How to render results [env: ASSIST_OUTPUT] [default: the profile\'s `output`, else table]' -r -f -a "table\t'For people: aligned, coloured on a terminal'
json\t'For scripts: stable JSON (NDJSON for `watch`)'
code\t'The invitation code alone (exit 9 when there is none); for `desktops` and `sessions`, IDs one per line'"
complete -c assist -n "__fish_assist_using_subcommand sim" -l endpoint -d 'Workspace endpoint URL, overriding the region\'s (private endpoints, the simulator) [env: ASSIST_ENDPOINT]' -r
complete -c assist -n "__fish_assist_using_subcommand sim" -l color -d 'When to use colour (NO_COLOR is honoured by `auto`)' -r -f -a "auto\t'Only when stdout is a terminal and NO_COLOR is not set'
always\t'Always, even into a pipe'
never\t'Never'"
complete -c assist -n "__fish_assist_using_subcommand sim" -l connect-timeout -d 'Limit for establishing a connection, like 500ms, 5s' -r
complete -c assist -n "__fish_assist_using_subcommand sim" -l timeout -d 'Limit for one whole request, like 30s, 2m (for watch and start --wait without --deadline, also the overall limit)' -r
complete -c assist -n "__fish_assist_using_subcommand sim" -l max-attempts -d 'Attempts per request for transient failures (GET/DELETE; POST only if never sent)' -r
complete -c assist -n "__fish_assist_using_subcommand sim" -l allow-remote -d 'Allow listening on a non-loopback address (the simulator has demo credentials only)'
complete -c assist -n "__fish_assist_using_subcommand sim" -l duplicate-project -d 'GET /v3/projects answers two projects for the region (an error for clients)'
complete -c assist -n "__fish_assist_using_subcommand sim" -l lively -d 'Seeded sessions that wait for the end user move on like started ones (from the first time they are read) instead of waiting for ever; the demo profile\'s simulator does this'
complete -c assist -n "__fish_assist_using_subcommand sim" -l reset-demo -d 'Forget the demo profile\'s saved state (the sessions started or cancelled with `--profile demo`), so that the demo starts over; then exit'
complete -c assist -n "__fish_assist_using_subcommand sim" -s v -l verbose -d 'Show requests on stderr (-vv: also headers); secrets are always redacted'
complete -c assist -n "__fish_assist_using_subcommand sim" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c assist -n "__fish_assist_using_subcommand completions" -l profile -d 'Profile to use [env: ASSIST_PROFILE] [default: `default_profile` of the file, else "default"; "demo" is built in]' -r
complete -c assist -n "__fish_assist_using_subcommand completions" -l config -d 'Config file [env: ASSIST_CONFIG] [default: the platform config dir, e.g. ~/.config/assist/config.toml]' -r -F
complete -c assist -n "__fish_assist_using_subcommand completions" -s o -l output -d 'How to render results [env: ASSIST_OUTPUT] [default: the profile\'s `output`, else table]' -r -f -a "table\t'For people: aligned, coloured on a terminal'
json\t'For scripts: stable JSON (NDJSON for `watch`)'
code\t'The invitation code alone (exit 9 when there is none); for `desktops` and `sessions`, IDs one per line'"
complete -c assist -n "__fish_assist_using_subcommand completions" -l region -d 'Region, overriding the profile\'s (selects https://workspace.<region>.myhuaweicloud.com) [env: ASSIST_REGION]' -r
complete -c assist -n "__fish_assist_using_subcommand completions" -l project-id -d 'Project ID, overriding the profile\'s [env: ASSIST_PROJECT_ID]' -r
complete -c assist -n "__fish_assist_using_subcommand completions" -l endpoint -d 'Workspace endpoint URL, overriding the region\'s (private endpoints, the simulator) [env: ASSIST_ENDPOINT]' -r
complete -c assist -n "__fish_assist_using_subcommand completions" -l color -d 'When to use colour (NO_COLOR is honoured by `auto`)' -r -f -a "auto\t'Only when stdout is a terminal and NO_COLOR is not set'
always\t'Always, even into a pipe'
never\t'Never'"
complete -c assist -n "__fish_assist_using_subcommand completions" -l connect-timeout -d 'Limit for establishing a connection, like 500ms, 5s' -r
complete -c assist -n "__fish_assist_using_subcommand completions" -l timeout -d 'Limit for one whole request, like 30s, 2m (for watch and start --wait without --deadline, also the overall limit)' -r
complete -c assist -n "__fish_assist_using_subcommand completions" -l max-attempts -d 'Attempts per request for transient failures (GET/DELETE; POST only if never sent)' -r
complete -c assist -n "__fish_assist_using_subcommand completions" -s v -l verbose -d 'Show requests on stderr (-vv: also headers); secrets are always redacted'
complete -c assist -n "__fish_assist_using_subcommand completions" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c assist -n "__fish_assist_using_subcommand help; and not __fish_seen_subcommand_from show start cancel watch config desktops sessions sim completions help" -f -a "show" -d 'Show the remote-assistance state and invitation code of one desktop'
complete -c assist -n "__fish_assist_using_subcommand help; and not __fish_seen_subcommand_from show start cancel watch config desktops sessions sim completions help" -f -a "start" -d 'Ask the end user for remote assistance (POST); --wait waits for the invitation code'
complete -c assist -n "__fish_assist_using_subcommand help; and not __fish_seen_subcommand_from show start cancel watch config desktops sessions sim completions help" -f -a "cancel" -d 'Close the remote-assistance session of a desktop (DELETE)'
complete -c assist -n "__fish_assist_using_subcommand help; and not __fish_seen_subcommand_from show start cancel watch config desktops sessions sim completions help" -f -a "watch" -d 'Poll one or many desktops and report each change, until a status, a deadline or Ctrl-C'
complete -c assist -n "__fish_assist_using_subcommand help; and not __fish_seen_subcommand_from show start cancel watch config desktops sessions sim completions help" -f -a "config" -d 'Where the config is, its profiles, the resolved settings, a guided set-up, a live check'
complete -c assist -n "__fish_assist_using_subcommand help; and not __fish_seen_subcommand_from show start cancel watch config desktops sessions sim completions help" -f -a "desktops" -d 'Find desktops by computer name, user, IP or status (ListDesktops), to learn their IDs'
complete -c assist -n "__fish_assist_using_subcommand help; and not __fish_seen_subcommand_from show start cancel watch config desktops sessions sim completions help" -f -a "sessions" -d 'Every open or pending session of the project (or of a selector), oldest first; --cancel closes them, --watch keeps a live board'
complete -c assist -n "__fish_assist_using_subcommand help; and not __fish_seen_subcommand_from show start cancel watch config desktops sessions sim completions help" -f -a "sim" -d 'Run the local Workspace simulator (for the demo, tests and trying scripts)'
complete -c assist -n "__fish_assist_using_subcommand help; and not __fish_seen_subcommand_from show start cancel watch config desktops sessions sim completions help" -f -a "completions" -d 'Print a shell completion script'
complete -c assist -n "__fish_assist_using_subcommand help; and not __fish_seen_subcommand_from show start cancel watch config desktops sessions sim completions help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c assist -n "__fish_assist_using_subcommand help; and __fish_seen_subcommand_from config" -f -a "path" -d 'The config file, cache dir and SDK credentials file that would be used'
complete -c assist -n "__fish_assist_using_subcommand help; and __fish_seen_subcommand_from config" -f -a "list" -d 'The profiles: region, auth mode and where each secret comes from (never its value)'
complete -c assist -n "__fish_assist_using_subcommand help; and __fish_seen_subcommand_from config" -f -a "show" -d 'The resolved settings of a profile, each with its source; secrets as (set, from …)'
complete -c assist -n "__fish_assist_using_subcommand help; and __fish_seen_subcommand_from config" -f -a "init" -d 'Write a profile: guided on a terminal, from flags with --no-input (file mode 0600)'
complete -c assist -n "__fish_assist_using_subcommand help; and __fish_seen_subcommand_from config" -f -a "check" -d 'Resolve everything and make one cheap authenticated call; report the failing step'
