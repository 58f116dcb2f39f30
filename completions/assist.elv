
use builtin;
use str;

set edit:completion:arg-completer[assist] = {|@words|
    fn spaces {|n|
        builtin:repeat $n ' ' | str:join ''
    }
    fn cand {|text desc|
        edit:complex-candidate $text &display=$text' '(spaces (- 14 (wcswidth $text)))$desc
    }
    var command = 'assist'
    for word $words[1..-1] {
        if (str:has-prefix $word '-') {
            break
        }
        set command = $command';'$word
    }
    var completions = [
        &'assist'= {
            cand --profile 'Profile to use [env: ASSIST_PROFILE] [default: `default_profile` of the file, else "default"; "demo" is built in]'
            cand --config 'Config file [env: ASSIST_CONFIG] [default: the platform config dir, e.g. ~/.config/assist/config.toml]'
            cand -o 'How to render results [env: ASSIST_OUTPUT] [default: the profile''s `output`, else table]'
            cand --output 'How to render results [env: ASSIST_OUTPUT] [default: the profile''s `output`, else table]'
            cand --region 'Region, overriding the profile''s (selects https://workspace.<region>.myhuaweicloud.com) [env: ASSIST_REGION]'
            cand --project-id 'Project ID, overriding the profile''s [env: ASSIST_PROJECT_ID]'
            cand --endpoint 'Workspace endpoint URL, overriding the region''s (private endpoints, the simulator) [env: ASSIST_ENDPOINT]'
            cand --color 'When to use colour (NO_COLOR is honoured by `auto`)'
            cand --connect-timeout 'Limit for establishing a connection, like 500ms, 5s'
            cand --timeout 'Limit for one whole request, like 30s, 2m (for watch and start --wait without --deadline, also the overall limit)'
            cand --max-attempts 'Attempts per request for transient failures (GET/DELETE; POST only if never sent)'
            cand -v 'Show requests on stderr (-vv: also headers); secrets are always redacted'
            cand --verbose 'Show requests on stderr (-vv: also headers); secrets are always redacted'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand show 'Show the remote-assistance state and invitation code of one desktop'
            cand start 'Ask the end user for remote assistance (POST); --wait waits for the invitation code'
            cand cancel 'Close the remote-assistance session of a desktop (DELETE)'
            cand watch 'Poll one or many desktops and report each change, until a status, a deadline or Ctrl-C'
            cand config 'Where the config is, its profiles, the resolved settings, a guided set-up, a live check'
            cand desktops 'Find desktops by computer name, user, IP or status (ListDesktops), to learn their IDs'
            cand sessions 'Every open or pending session of the project (or of a selector), oldest first; --cancel closes them, --watch keeps a live board'
            cand sim 'Run the local Workspace simulator (for the demo, tests and trying scripts)'
            cand completions 'Print a shell completion script'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'assist;show'= {
            cand --name 'Select the desktop by computer name (an exact match, any case, wins over partial ones)'
            cand --user 'Select the desktop by user name (an exact match, any case, wins over partial ones)'
            cand --ip 'Select the desktop by IP address'
            cand --profile 'Profile to use [env: ASSIST_PROFILE] [default: `default_profile` of the file, else "default"; "demo" is built in]'
            cand --config 'Config file [env: ASSIST_CONFIG] [default: the platform config dir, e.g. ~/.config/assist/config.toml]'
            cand -o 'How to render results [env: ASSIST_OUTPUT] [default: the profile''s `output`, else table]'
            cand --output 'How to render results [env: ASSIST_OUTPUT] [default: the profile''s `output`, else table]'
            cand --region 'Region, overriding the profile''s (selects https://workspace.<region>.myhuaweicloud.com) [env: ASSIST_REGION]'
            cand --project-id 'Project ID, overriding the profile''s [env: ASSIST_PROJECT_ID]'
            cand --endpoint 'Workspace endpoint URL, overriding the region''s (private endpoints, the simulator) [env: ASSIST_ENDPOINT]'
            cand --color 'When to use colour (NO_COLOR is honoured by `auto`)'
            cand --connect-timeout 'Limit for establishing a connection, like 500ms, 5s'
            cand --timeout 'Limit for one whole request, like 30s, 2m (for watch and start --wait without --deadline, also the overall limit)'
            cand --max-attempts 'Attempts per request for transient failures (GET/DELETE; POST only if never sent)'
            cand --show-password 'Reveal the collaborative space''s password instead of masking it'
            cand -v 'Show requests on stderr (-vv: also headers); secrets are always redacted'
            cand --verbose 'Show requests on stderr (-vv: also headers); secrets are always redacted'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'assist;start'= {
            cand --name 'Select the desktop by computer name (an exact match, any case, wins over partial ones)'
            cand --user 'Select the desktop by user name (an exact match, any case, wins over partial ones)'
            cand --ip 'Select the desktop by IP address'
            cand --interval 'With --wait: how often to poll (at least 100ms)'
            cand --deadline 'With --wait: give up after this long (exit 8) [default: --timeout when given, else 10m]'
            cand --profile 'Profile to use [env: ASSIST_PROFILE] [default: `default_profile` of the file, else "default"; "demo" is built in]'
            cand --config 'Config file [env: ASSIST_CONFIG] [default: the platform config dir, e.g. ~/.config/assist/config.toml]'
            cand -o 'How to render results [env: ASSIST_OUTPUT] [default: the profile''s `output`, else table]'
            cand --output 'How to render results [env: ASSIST_OUTPUT] [default: the profile''s `output`, else table]'
            cand --region 'Region, overriding the profile''s (selects https://workspace.<region>.myhuaweicloud.com) [env: ASSIST_REGION]'
            cand --project-id 'Project ID, overriding the profile''s [env: ASSIST_PROJECT_ID]'
            cand --endpoint 'Workspace endpoint URL, overriding the region''s (private endpoints, the simulator) [env: ASSIST_ENDPOINT]'
            cand --color 'When to use colour (NO_COLOR is honoured by `auto`)'
            cand --connect-timeout 'Limit for establishing a connection, like 500ms, 5s'
            cand --timeout 'Limit for one whole request, like 30s, 2m (for watch and start --wait without --deadline, also the overall limit)'
            cand --max-attempts 'Attempts per request for transient failures (GET/DELETE; POST only if never sent)'
            cand --wait 'Then wait until the space is OPEN and print the final record (or just the code)'
            cand --new 'When a session is already open or waiting for the user, cancel it and ask again (without --new, that session is reported, and waited on with --wait)'
            cand -v 'Show requests on stderr (-vv: also headers); secrets are always redacted'
            cand --verbose 'Show requests on stderr (-vv: also headers); secrets are always redacted'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'assist;cancel'= {
            cand --name 'Select the desktop by computer name (an exact match, any case, wins over partial ones)'
            cand --user 'Select the desktop by user name (an exact match, any case, wins over partial ones)'
            cand --ip 'Select the desktop by IP address'
            cand --profile 'Profile to use [env: ASSIST_PROFILE] [default: `default_profile` of the file, else "default"; "demo" is built in]'
            cand --config 'Config file [env: ASSIST_CONFIG] [default: the platform config dir, e.g. ~/.config/assist/config.toml]'
            cand -o 'How to render results [env: ASSIST_OUTPUT] [default: the profile''s `output`, else table]'
            cand --output 'How to render results [env: ASSIST_OUTPUT] [default: the profile''s `output`, else table]'
            cand --region 'Region, overriding the profile''s (selects https://workspace.<region>.myhuaweicloud.com) [env: ASSIST_REGION]'
            cand --project-id 'Project ID, overriding the profile''s [env: ASSIST_PROJECT_ID]'
            cand --endpoint 'Workspace endpoint URL, overriding the region''s (private endpoints, the simulator) [env: ASSIST_ENDPOINT]'
            cand --color 'When to use colour (NO_COLOR is honoured by `auto`)'
            cand --connect-timeout 'Limit for establishing a connection, like 500ms, 5s'
            cand --timeout 'Limit for one whole request, like 30s, 2m (for watch and start --wait without --deadline, also the overall limit)'
            cand --max-attempts 'Attempts per request for transient failures (GET/DELETE; POST only if never sent)'
            cand -v 'Show requests on stderr (-vv: also headers); secrets are always redacted'
            cand --verbose 'Show requests on stderr (-vv: also headers); secrets are always redacted'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'assist;watch'= {
            cand --file 'Read desktop IDs from a file (one per line; blank lines and # comments skipped)'
            cand --relist 'With --all: how often to list the project''s desktops again'
            cand --interval 'How often to poll each desktop (requests are spread over the interval; at least 100ms)'
            cand --concurrency 'How many requests may be in flight at once'
            cand --max-rate 'Cap on requests per second across all desktops (a 429 also slows the whole watch)'
            cand --until 'Stop with exit 0 once every desktop has reached one of these statuses'
            cand --deadline 'Give up after this long (exit 8 when --until statuses are still pending) [default: --timeout when given, else none]'
            cand --state 'Remember what was seen in FILE between runs and report only changes since the last run'
            cand --name 'Also watch the desktops with this computer name (exact match, else every partial one)'
            cand --user 'Also watch every desktop of this user (exact match, else every partial one)'
            cand --ip 'Also watch the desktop with this IP address'
            cand --profile 'Profile to use [env: ASSIST_PROFILE] [default: `default_profile` of the file, else "default"; "demo" is built in]'
            cand --config 'Config file [env: ASSIST_CONFIG] [default: the platform config dir, e.g. ~/.config/assist/config.toml]'
            cand -o 'How to render results [env: ASSIST_OUTPUT] [default: the profile''s `output`, else table]'
            cand --output 'How to render results [env: ASSIST_OUTPUT] [default: the profile''s `output`, else table]'
            cand --region 'Region, overriding the profile''s (selects https://workspace.<region>.myhuaweicloud.com) [env: ASSIST_REGION]'
            cand --project-id 'Project ID, overriding the profile''s [env: ASSIST_PROJECT_ID]'
            cand --endpoint 'Workspace endpoint URL, overriding the region''s (private endpoints, the simulator) [env: ASSIST_ENDPOINT]'
            cand --color 'When to use colour (NO_COLOR is honoured by `auto`)'
            cand --connect-timeout 'Limit for establishing a connection, like 500ms, 5s'
            cand --timeout 'Limit for one whole request, like 30s, 2m (for watch and start --wait without --deadline, also the overall limit)'
            cand --max-attempts 'Attempts per request for transient failures (GET/DELETE; POST only if never sent)'
            cand --all 'Watch every desktop of the project, listed again every --relist (new ones join, deleted ones leave with a note)'
            cand --once 'Poll each desktop once and exit (for cron)'
            cand -v 'Show requests on stderr (-vv: also headers); secrets are always redacted'
            cand --verbose 'Show requests on stderr (-vv: also headers); secrets are always redacted'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'assist;config'= {
            cand --profile 'Profile to use [env: ASSIST_PROFILE] [default: `default_profile` of the file, else "default"; "demo" is built in]'
            cand --config 'Config file [env: ASSIST_CONFIG] [default: the platform config dir, e.g. ~/.config/assist/config.toml]'
            cand -o 'How to render results [env: ASSIST_OUTPUT] [default: the profile''s `output`, else table]'
            cand --output 'How to render results [env: ASSIST_OUTPUT] [default: the profile''s `output`, else table]'
            cand --region 'Region, overriding the profile''s (selects https://workspace.<region>.myhuaweicloud.com) [env: ASSIST_REGION]'
            cand --project-id 'Project ID, overriding the profile''s [env: ASSIST_PROJECT_ID]'
            cand --endpoint 'Workspace endpoint URL, overriding the region''s (private endpoints, the simulator) [env: ASSIST_ENDPOINT]'
            cand --color 'When to use colour (NO_COLOR is honoured by `auto`)'
            cand --connect-timeout 'Limit for establishing a connection, like 500ms, 5s'
            cand --timeout 'Limit for one whole request, like 30s, 2m (for watch and start --wait without --deadline, also the overall limit)'
            cand --max-attempts 'Attempts per request for transient failures (GET/DELETE; POST only if never sent)'
            cand -v 'Show requests on stderr (-vv: also headers); secrets are always redacted'
            cand --verbose 'Show requests on stderr (-vv: also headers); secrets are always redacted'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand path 'The config file, cache dir and SDK credentials file that would be used'
            cand list 'The profiles: region, auth mode and where each secret comes from (never its value)'
            cand show 'The resolved settings of a profile, each with its source; secrets as (set, from …)'
            cand init 'Write a profile: guided on a terminal, from flags with --no-input (file mode 0600)'
            cand check 'Resolve everything and make one cheap authenticated call; report the failing step'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'assist;config;path'= {
            cand --profile 'Profile to use [env: ASSIST_PROFILE] [default: `default_profile` of the file, else "default"; "demo" is built in]'
            cand --config 'Config file [env: ASSIST_CONFIG] [default: the platform config dir, e.g. ~/.config/assist/config.toml]'
            cand -o 'How to render results [env: ASSIST_OUTPUT] [default: the profile''s `output`, else table]'
            cand --output 'How to render results [env: ASSIST_OUTPUT] [default: the profile''s `output`, else table]'
            cand --region 'Region, overriding the profile''s (selects https://workspace.<region>.myhuaweicloud.com) [env: ASSIST_REGION]'
            cand --project-id 'Project ID, overriding the profile''s [env: ASSIST_PROJECT_ID]'
            cand --endpoint 'Workspace endpoint URL, overriding the region''s (private endpoints, the simulator) [env: ASSIST_ENDPOINT]'
            cand --color 'When to use colour (NO_COLOR is honoured by `auto`)'
            cand --connect-timeout 'Limit for establishing a connection, like 500ms, 5s'
            cand --timeout 'Limit for one whole request, like 30s, 2m (for watch and start --wait without --deadline, also the overall limit)'
            cand --max-attempts 'Attempts per request for transient failures (GET/DELETE; POST only if never sent)'
            cand -v 'Show requests on stderr (-vv: also headers); secrets are always redacted'
            cand --verbose 'Show requests on stderr (-vv: also headers); secrets are always redacted'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'assist;config;list'= {
            cand --profile 'Profile to use [env: ASSIST_PROFILE] [default: `default_profile` of the file, else "default"; "demo" is built in]'
            cand --config 'Config file [env: ASSIST_CONFIG] [default: the platform config dir, e.g. ~/.config/assist/config.toml]'
            cand -o 'How to render results [env: ASSIST_OUTPUT] [default: the profile''s `output`, else table]'
            cand --output 'How to render results [env: ASSIST_OUTPUT] [default: the profile''s `output`, else table]'
            cand --region 'Region, overriding the profile''s (selects https://workspace.<region>.myhuaweicloud.com) [env: ASSIST_REGION]'
            cand --project-id 'Project ID, overriding the profile''s [env: ASSIST_PROJECT_ID]'
            cand --endpoint 'Workspace endpoint URL, overriding the region''s (private endpoints, the simulator) [env: ASSIST_ENDPOINT]'
            cand --color 'When to use colour (NO_COLOR is honoured by `auto`)'
            cand --connect-timeout 'Limit for establishing a connection, like 500ms, 5s'
            cand --timeout 'Limit for one whole request, like 30s, 2m (for watch and start --wait without --deadline, also the overall limit)'
            cand --max-attempts 'Attempts per request for transient failures (GET/DELETE; POST only if never sent)'
            cand -v 'Show requests on stderr (-vv: also headers); secrets are always redacted'
            cand --verbose 'Show requests on stderr (-vv: also headers); secrets are always redacted'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'assist;config;show'= {
            cand --profile 'Profile to use [env: ASSIST_PROFILE] [default: `default_profile` of the file, else "default"; "demo" is built in]'
            cand --config 'Config file [env: ASSIST_CONFIG] [default: the platform config dir, e.g. ~/.config/assist/config.toml]'
            cand -o 'How to render results [env: ASSIST_OUTPUT] [default: the profile''s `output`, else table]'
            cand --output 'How to render results [env: ASSIST_OUTPUT] [default: the profile''s `output`, else table]'
            cand --region 'Region, overriding the profile''s (selects https://workspace.<region>.myhuaweicloud.com) [env: ASSIST_REGION]'
            cand --project-id 'Project ID, overriding the profile''s [env: ASSIST_PROJECT_ID]'
            cand --endpoint 'Workspace endpoint URL, overriding the region''s (private endpoints, the simulator) [env: ASSIST_ENDPOINT]'
            cand --color 'When to use colour (NO_COLOR is honoured by `auto`)'
            cand --connect-timeout 'Limit for establishing a connection, like 500ms, 5s'
            cand --timeout 'Limit for one whole request, like 30s, 2m (for watch and start --wait without --deadline, also the overall limit)'
            cand --max-attempts 'Attempts per request for transient failures (GET/DELETE; POST only if never sent)'
            cand -v 'Show requests on stderr (-vv: also headers); secrets are always redacted'
            cand --verbose 'Show requests on stderr (-vv: also headers); secrets are always redacted'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'assist;config;init'= {
            cand --auth 'Authentication mode [default: aksk]'
            cand --ak 'Access key ID (not a secret)'
            cand --sk-command 'Command that prints the secret key (run at each use; nothing stored)'
            cand --sk-file 'File that holds the secret key'
            cand --token-command 'Command that prints an IAM token'
            cand --token-file 'File that holds an IAM token'
            cand --user 'IAM user name (password auth)'
            cand --domain 'Account (domain) name (password auth)'
            cand --password-command 'Command that prints the IAM password (password auth; the password never touches disk)'
            cand --iam-endpoint 'IAM endpoint, if not the region''s'
            cand --profile 'Profile to use [env: ASSIST_PROFILE] [default: `default_profile` of the file, else "default"; "demo" is built in]'
            cand --config 'Config file [env: ASSIST_CONFIG] [default: the platform config dir, e.g. ~/.config/assist/config.toml]'
            cand -o 'How to render results [env: ASSIST_OUTPUT] [default: the profile''s `output`, else table]'
            cand --output 'How to render results [env: ASSIST_OUTPUT] [default: the profile''s `output`, else table]'
            cand --region 'Region, overriding the profile''s (selects https://workspace.<region>.myhuaweicloud.com) [env: ASSIST_REGION]'
            cand --project-id 'Project ID, overriding the profile''s [env: ASSIST_PROJECT_ID]'
            cand --endpoint 'Workspace endpoint URL, overriding the region''s (private endpoints, the simulator) [env: ASSIST_ENDPOINT]'
            cand --color 'When to use colour (NO_COLOR is honoured by `auto`)'
            cand --connect-timeout 'Limit for establishing a connection, like 500ms, 5s'
            cand --timeout 'Limit for one whole request, like 30s, 2m (for watch and start --wait without --deadline, also the overall limit)'
            cand --max-attempts 'Attempts per request for transient failures (GET/DELETE; POST only if never sent)'
            cand --no-input 'Never prompt: take everything from flags (also the case without a terminal)'
            cand --force 'Replace the profile if it exists'
            cand --set-default 'Make it the default profile of the file'
            cand --sk-stdin 'Read the secret key from stdin and store it in the profile (file mode 0600)'
            cand -v 'Show requests on stderr (-vv: also headers); secrets are always redacted'
            cand --verbose 'Show requests on stderr (-vv: also headers); secrets are always redacted'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'assist;config;check'= {
            cand --profile 'Profile to use [env: ASSIST_PROFILE] [default: `default_profile` of the file, else "default"; "demo" is built in]'
            cand --config 'Config file [env: ASSIST_CONFIG] [default: the platform config dir, e.g. ~/.config/assist/config.toml]'
            cand -o 'How to render results [env: ASSIST_OUTPUT] [default: the profile''s `output`, else table]'
            cand --output 'How to render results [env: ASSIST_OUTPUT] [default: the profile''s `output`, else table]'
            cand --region 'Region, overriding the profile''s (selects https://workspace.<region>.myhuaweicloud.com) [env: ASSIST_REGION]'
            cand --project-id 'Project ID, overriding the profile''s [env: ASSIST_PROJECT_ID]'
            cand --endpoint 'Workspace endpoint URL, overriding the region''s (private endpoints, the simulator) [env: ASSIST_ENDPOINT]'
            cand --color 'When to use colour (NO_COLOR is honoured by `auto`)'
            cand --connect-timeout 'Limit for establishing a connection, like 500ms, 5s'
            cand --timeout 'Limit for one whole request, like 30s, 2m (for watch and start --wait without --deadline, also the overall limit)'
            cand --max-attempts 'Attempts per request for transient failures (GET/DELETE; POST only if never sent)'
            cand -v 'Show requests on stderr (-vv: also headers); secrets are always redacted'
            cand --verbose 'Show requests on stderr (-vv: also headers); secrets are always redacted'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'assist;config;help'= {
            cand path 'The config file, cache dir and SDK credentials file that would be used'
            cand list 'The profiles: region, auth mode and where each secret comes from (never its value)'
            cand show 'The resolved settings of a profile, each with its source; secrets as (set, from …)'
            cand init 'Write a profile: guided on a terminal, from flags with --no-input (file mode 0600)'
            cand check 'Resolve everything and make one cheap authenticated call; report the failing step'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'assist;config;help;path'= {
        }
        &'assist;config;help;list'= {
        }
        &'assist;config;help;show'= {
        }
        &'assist;config;help;init'= {
        }
        &'assist;config;help;check'= {
        }
        &'assist;config;help;help'= {
        }
        &'assist;desktops'= {
            cand --status 'Only desktops in this state: ACTIVE, SHUTOFF, ERROR, HIBERNATED'
            cand --name 'Computer names containing this text (any case)'
            cand --user 'User names containing this text (any case)'
            cand --ip 'The desktop with this IP address'
            cand --profile 'Profile to use [env: ASSIST_PROFILE] [default: `default_profile` of the file, else "default"; "demo" is built in]'
            cand --config 'Config file [env: ASSIST_CONFIG] [default: the platform config dir, e.g. ~/.config/assist/config.toml]'
            cand -o 'How to render results [env: ASSIST_OUTPUT] [default: the profile''s `output`, else table]'
            cand --output 'How to render results [env: ASSIST_OUTPUT] [default: the profile''s `output`, else table]'
            cand --region 'Region, overriding the profile''s (selects https://workspace.<region>.myhuaweicloud.com) [env: ASSIST_REGION]'
            cand --project-id 'Project ID, overriding the profile''s [env: ASSIST_PROJECT_ID]'
            cand --endpoint 'Workspace endpoint URL, overriding the region''s (private endpoints, the simulator) [env: ASSIST_ENDPOINT]'
            cand --color 'When to use colour (NO_COLOR is honoured by `auto`)'
            cand --connect-timeout 'Limit for establishing a connection, like 500ms, 5s'
            cand --timeout 'Limit for one whole request, like 30s, 2m (for watch and start --wait without --deadline, also the overall limit)'
            cand --max-attempts 'Attempts per request for transient failures (GET/DELETE; POST only if never sent)'
            cand -v 'Show requests on stderr (-vv: also headers); secrets are always redacted'
            cand --verbose 'Show requests on stderr (-vv: also headers); secrets are always redacted'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'assist;sessions'= {
            cand --status 'Only desktops in this state (ACTIVE, SHUTOFF, ERROR, HIBERNATED), or only sessions in this state (OPEN, WAIT_USER_CONFIRM, WAIT_USER_ACCESS)'
            cand --older-than 'Only sessions created longer ago than this, like 2h (a session whose creation time the cloud does not give is left out)'
            cand --interval 'With --watch: how often to poll each desktop'
            cand --concurrency 'How many requests may be in flight at once'
            cand --max-rate 'Cap on requests per second (a 429 also slows the whole run)'
            cand --name 'Only desktops whose computer name contains this text (any case)'
            cand --user 'Only desktops whose user name contains this text (any case)'
            cand --ip 'Only the desktop with this IP address'
            cand --profile 'Profile to use [env: ASSIST_PROFILE] [default: `default_profile` of the file, else "default"; "demo" is built in]'
            cand --config 'Config file [env: ASSIST_CONFIG] [default: the platform config dir, e.g. ~/.config/assist/config.toml]'
            cand -o 'How to render results [env: ASSIST_OUTPUT] [default: the profile''s `output`, else table]'
            cand --output 'How to render results [env: ASSIST_OUTPUT] [default: the profile''s `output`, else table]'
            cand --region 'Region, overriding the profile''s (selects https://workspace.<region>.myhuaweicloud.com) [env: ASSIST_REGION]'
            cand --project-id 'Project ID, overriding the profile''s [env: ASSIST_PROJECT_ID]'
            cand --endpoint 'Workspace endpoint URL, overriding the region''s (private endpoints, the simulator) [env: ASSIST_ENDPOINT]'
            cand --color 'When to use colour (NO_COLOR is honoured by `auto`)'
            cand --connect-timeout 'Limit for establishing a connection, like 500ms, 5s'
            cand --timeout 'Limit for one whole request, like 30s, 2m (for watch and start --wait without --deadline, also the overall limit)'
            cand --max-attempts 'Attempts per request for transient failures (GET/DELETE; POST only if never sent)'
            cand --cancel 'Close every listed session: asks first on a terminal; scripts add --yes'
            cand --yes 'With --cancel: do not ask'
            cand --watch 'Keep a live board on a terminal, redrawn in place (q or Ctrl-C quits); without a terminal, one line per change'
            cand -v 'Show requests on stderr (-vv: also headers); secrets are always redacted'
            cand --verbose 'Show requests on stderr (-vv: also headers); secrets are always redacted'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'assist;sim'= {
            cand --addr 'Address to listen on; port 0 picks a free port. Only loopback unless --allow-remote'
            cand --ak 'Access key (AK) the simulator accepts for SDK-HMAC-SHA256 signatures'
            cand --sk 'Secret key (SK) the simulator verifies signatures with [default: the demo SK]'
            cand --token 'Token the simulator accepts in X-Auth-Token [default: the demo token]'
            cand --temp-ak 'Temporary access key: accepted only with --security-token in X-Security-Token'
            cand --temp-sk 'Secret key of --temp-ak [default: the demo temporary SK]'
            cand --security-token 'The security token that goes with --temp-ak; any other X-Security-Token is refused (401) [default: the demo security token]'
            cand --project-id 'Project ID served under /v2/{project_id}/, and the ID of the --region project in IAM'
            cand --region 'Region name of the one IAM project (token scope.project.name, GET /v3/projects?name=)'
            cand --iam-user 'User who may get a token from POST /v3/auth/tokens with this password; repeatable. The password may contain '':'' [default: demo-user:Demo-Passw0rd!]'
            cand --iam-domain 'Account (domain) name of every --iam-user, as in password.user.domain.name'
            cand --token-ttl 'How long a token issued by POST /v3/auth/tokens is accepted, e.g. 24h, 2s'
            cand --confirm-after 'Time from start until the end user "confirms" (WAIT_USER_CONFIRM -> WAIT_USER_ACCESS), e.g. 2s, 100ms'
            cand --access-after 'Further time until the end user "enables access" (WAIT_USER_ACCESS -> OPEN)'
            cand --refuse 'Desktop whose end user declines new requests (-> CLOSE with failed_reason); repeatable'
            cand --desktops 'Seed N more desktops 00000000-0000-4000-8000-{index:012} (PC-00001, user001, ...)'
            cand --seed-status 'Assistance records of the --desktops ones: none until started, or a fixed mix'
            cand --fault 'Misbehave on a fraction (--fault-rate) of Workspace requests: latency[:DUR], 403, 429, 500, 502, 503, 504, html, empty, truncated, wrong-types, nulls, unknown-status, escapes, huge (10 MB), trickle (1 byte/s for 4 bytes, then the rest), drop, redirect, flood (ListDesktops: 20,000 desktops a page, no end), echo-headers (a 400 quoting every request header), spoof (bidi overrides, zero-width characters, C1 controls); or mixed: per faulted request one of them at random (latency up to 2s), never redirect, which is a permanent answer rather than a passing failure'
            cand --fault-rate 'Fraction of Workspace requests that get --fault, from 0 to 1'
            cand --fault-on 'Always misbehave for one desktop, e.g. --fault-on a130ab3a-...=500; repeatable'
            cand --latency 'Extra delay before every Workspace answer, e.g. 200ms'
            cand --retry-after 'Seconds sent in the Retry-After header of a 429 fault'
            cand --clock-ahead 'Run the gateway''s clock this far ahead of the machine''s, e.g. 20m: every AK/SK request then fails with APIGW.0303 (clock skew), as from a client whose clock is late'
            cand --no-record-as 'What GET answers for an existing desktop without an assistance record (the cloud''s answer is not documented): 404 with a SIM.0411 code, 200 with `{}`, or 200 with the nine fields null'
            cand --post-on-active 'What POST answers on a desktop whose session is already open or pending (not documented either): the existing record (200), or 409 SIM.0409'
            cand --page-size-cap 'Largest page ListDesktops answers, whatever limit the client asks for (at most 1000)'
            cand --name-match 'How ListDesktops matches `computer_name`: exact (whole name, same case; the stricter reading of the API reference) or fuzzy (part of the name, any case)'
            cand --tls-cert 'Serve HTTPS with this PEM certificate chain (with --tls-key) instead of plain HTTP'
            cand --tls-key 'PEM private key (PKCS#8, PKCS#1 or SEC1) of --tls-cert'
            cand --profile 'Profile to use [env: ASSIST_PROFILE] [default: `default_profile` of the file, else "default"; "demo" is built in]'
            cand --config 'Config file [env: ASSIST_CONFIG] [default: the platform config dir, e.g. ~/.config/assist/config.toml]'
            cand -o 'How to render results [env: ASSIST_OUTPUT] [default: the profile''s `output`, else table]'
            cand --output 'How to render results [env: ASSIST_OUTPUT] [default: the profile''s `output`, else table]'
            cand --endpoint 'Workspace endpoint URL, overriding the region''s (private endpoints, the simulator) [env: ASSIST_ENDPOINT]'
            cand --color 'When to use colour (NO_COLOR is honoured by `auto`)'
            cand --connect-timeout 'Limit for establishing a connection, like 500ms, 5s'
            cand --timeout 'Limit for one whole request, like 30s, 2m (for watch and start --wait without --deadline, also the overall limit)'
            cand --max-attempts 'Attempts per request for transient failures (GET/DELETE; POST only if never sent)'
            cand --allow-remote 'Allow listening on a non-loopback address (the simulator has demo credentials only)'
            cand --duplicate-project 'GET /v3/projects answers two projects for the region (an error for clients)'
            cand --lively 'Seeded sessions that wait for the end user move on like started ones (from the first time they are read) instead of waiting for ever; the demo profile''s simulator does this'
            cand --reset-demo 'Forget the demo profile''s saved state (the sessions started or cancelled with `--profile demo`), so that the demo starts over; then exit'
            cand -v 'Show requests on stderr (-vv: also headers); secrets are always redacted'
            cand --verbose 'Show requests on stderr (-vv: also headers); secrets are always redacted'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'assist;completions'= {
            cand --profile 'Profile to use [env: ASSIST_PROFILE] [default: `default_profile` of the file, else "default"; "demo" is built in]'
            cand --config 'Config file [env: ASSIST_CONFIG] [default: the platform config dir, e.g. ~/.config/assist/config.toml]'
            cand -o 'How to render results [env: ASSIST_OUTPUT] [default: the profile''s `output`, else table]'
            cand --output 'How to render results [env: ASSIST_OUTPUT] [default: the profile''s `output`, else table]'
            cand --region 'Region, overriding the profile''s (selects https://workspace.<region>.myhuaweicloud.com) [env: ASSIST_REGION]'
            cand --project-id 'Project ID, overriding the profile''s [env: ASSIST_PROJECT_ID]'
            cand --endpoint 'Workspace endpoint URL, overriding the region''s (private endpoints, the simulator) [env: ASSIST_ENDPOINT]'
            cand --color 'When to use colour (NO_COLOR is honoured by `auto`)'
            cand --connect-timeout 'Limit for establishing a connection, like 500ms, 5s'
            cand --timeout 'Limit for one whole request, like 30s, 2m (for watch and start --wait without --deadline, also the overall limit)'
            cand --max-attempts 'Attempts per request for transient failures (GET/DELETE; POST only if never sent)'
            cand -v 'Show requests on stderr (-vv: also headers); secrets are always redacted'
            cand --verbose 'Show requests on stderr (-vv: also headers); secrets are always redacted'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'assist;help'= {
            cand show 'Show the remote-assistance state and invitation code of one desktop'
            cand start 'Ask the end user for remote assistance (POST); --wait waits for the invitation code'
            cand cancel 'Close the remote-assistance session of a desktop (DELETE)'
            cand watch 'Poll one or many desktops and report each change, until a status, a deadline or Ctrl-C'
            cand config 'Where the config is, its profiles, the resolved settings, a guided set-up, a live check'
            cand desktops 'Find desktops by computer name, user, IP or status (ListDesktops), to learn their IDs'
            cand sessions 'Every open or pending session of the project (or of a selector), oldest first; --cancel closes them, --watch keeps a live board'
            cand sim 'Run the local Workspace simulator (for the demo, tests and trying scripts)'
            cand completions 'Print a shell completion script'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'assist;help;show'= {
        }
        &'assist;help;start'= {
        }
        &'assist;help;cancel'= {
        }
        &'assist;help;watch'= {
        }
        &'assist;help;config'= {
            cand path 'The config file, cache dir and SDK credentials file that would be used'
            cand list 'The profiles: region, auth mode and where each secret comes from (never its value)'
            cand show 'The resolved settings of a profile, each with its source; secrets as (set, from …)'
            cand init 'Write a profile: guided on a terminal, from flags with --no-input (file mode 0600)'
            cand check 'Resolve everything and make one cheap authenticated call; report the failing step'
        }
        &'assist;help;config;path'= {
        }
        &'assist;help;config;list'= {
        }
        &'assist;help;config;show'= {
        }
        &'assist;help;config;init'= {
        }
        &'assist;help;config;check'= {
        }
        &'assist;help;desktops'= {
        }
        &'assist;help;sessions'= {
        }
        &'assist;help;sim'= {
        }
        &'assist;help;completions'= {
        }
        &'assist;help;help'= {
        }
    ]
    $completions[$command]
}
