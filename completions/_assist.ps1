
using namespace System.Management.Automation
using namespace System.Management.Automation.Language

Register-ArgumentCompleter -Native -CommandName 'assist' -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)

    $commandElements = $commandAst.CommandElements
    $command = @(
        'assist'
        for ($i = 1; $i -lt $commandElements.Count; $i++) {
            $element = $commandElements[$i]
            if ($element -isnot [StringConstantExpressionAst] -or
                $element.StringConstantType -ne [StringConstantType]::BareWord -or
                $element.Value.StartsWith('-') -or
                $element.Value -eq $wordToComplete) {
                break
        }
        $element.Value
    }) -join ';'

    $completions = @(switch ($command) {
        'assist' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use [env: ASSIST_PROFILE] [default: `default_profile` of the file, else "default"; "demo" is built in]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [env: ASSIST_CONFIG] [default: the platform config dir, e.g. ~/.config/assist/config.toml]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'How to render results [env: ASSIST_OUTPUT] [default: the profile''s `output`, else table]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'How to render results [env: ASSIST_OUTPUT] [default: the profile''s `output`, else table]')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'Region, overriding the profile''s (selects https://workspace.<region>.myhuaweicloud.com) [env: ASSIST_REGION]')
            [CompletionResult]::new('--project-id', '--project-id', [CompletionResultType]::ParameterName, 'Project ID, overriding the profile''s [env: ASSIST_PROJECT_ID]')
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'Workspace endpoint URL, overriding the region''s (private endpoints, the simulator) [env: ASSIST_ENDPOINT]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR is honoured by `auto`)')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Limit for establishing a connection, like 500ms, 5s')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Limit for one whole request, like 30s, 2m (for watch and start --wait without --deadline, also the overall limit)')
            [CompletionResult]::new('--max-attempts', '--max-attempts', [CompletionResultType]::ParameterName, 'Attempts per request for transient failures (GET/DELETE; POST only if never sent)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show requests on stderr (-vv: also headers); secrets are always redacted')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show requests on stderr (-vv: also headers); secrets are always redacted')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show the remote-assistance state and invitation code of one desktop')
            [CompletionResult]::new('start', 'start', [CompletionResultType]::ParameterValue, 'Ask the end user for remote assistance (POST); --wait waits for the invitation code')
            [CompletionResult]::new('cancel', 'cancel', [CompletionResultType]::ParameterValue, 'Close the remote-assistance session of a desktop (DELETE)')
            [CompletionResult]::new('watch', 'watch', [CompletionResultType]::ParameterValue, 'Poll one or many desktops and report each change, until a status, a deadline or Ctrl-C')
            [CompletionResult]::new('config', 'config', [CompletionResultType]::ParameterValue, 'Where the config is, its profiles, the resolved settings, a guided set-up, a live check')
            [CompletionResult]::new('desktops', 'desktops', [CompletionResultType]::ParameterValue, 'Find desktops by computer name, user, IP or status (ListDesktops), to learn their IDs')
            [CompletionResult]::new('sessions', 'sessions', [CompletionResultType]::ParameterValue, 'Every open or pending session of the project (or of a selector), oldest first; --cancel closes them, --watch keeps a live board')
            [CompletionResult]::new('sim', 'sim', [CompletionResultType]::ParameterValue, 'Run the local Workspace simulator (for the demo, tests and trying scripts)')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'assist;show' {
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'Select the desktop by computer name (an exact match, any case, wins over partial ones)')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'Select the desktop by user name (an exact match, any case, wins over partial ones)')
            [CompletionResult]::new('--ip', '--ip', [CompletionResultType]::ParameterName, 'Select the desktop by IP address')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use [env: ASSIST_PROFILE] [default: `default_profile` of the file, else "default"; "demo" is built in]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [env: ASSIST_CONFIG] [default: the platform config dir, e.g. ~/.config/assist/config.toml]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'How to render results [env: ASSIST_OUTPUT] [default: the profile''s `output`, else table]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'How to render results [env: ASSIST_OUTPUT] [default: the profile''s `output`, else table]')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'Region, overriding the profile''s (selects https://workspace.<region>.myhuaweicloud.com) [env: ASSIST_REGION]')
            [CompletionResult]::new('--project-id', '--project-id', [CompletionResultType]::ParameterName, 'Project ID, overriding the profile''s [env: ASSIST_PROJECT_ID]')
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'Workspace endpoint URL, overriding the region''s (private endpoints, the simulator) [env: ASSIST_ENDPOINT]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR is honoured by `auto`)')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Limit for establishing a connection, like 500ms, 5s')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Limit for one whole request, like 30s, 2m (for watch and start --wait without --deadline, also the overall limit)')
            [CompletionResult]::new('--max-attempts', '--max-attempts', [CompletionResultType]::ParameterName, 'Attempts per request for transient failures (GET/DELETE; POST only if never sent)')
            [CompletionResult]::new('--show-password', '--show-password', [CompletionResultType]::ParameterName, 'Reveal the collaborative space''s password instead of masking it')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show requests on stderr (-vv: also headers); secrets are always redacted')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show requests on stderr (-vv: also headers); secrets are always redacted')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'assist;start' {
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'Select the desktop by computer name (an exact match, any case, wins over partial ones)')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'Select the desktop by user name (an exact match, any case, wins over partial ones)')
            [CompletionResult]::new('--ip', '--ip', [CompletionResultType]::ParameterName, 'Select the desktop by IP address')
            [CompletionResult]::new('--interval', '--interval', [CompletionResultType]::ParameterName, 'With --wait: how often to poll (at least 100ms)')
            [CompletionResult]::new('--deadline', '--deadline', [CompletionResultType]::ParameterName, 'With --wait: give up after this long (exit 8) [default: --timeout when given, else 10m]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use [env: ASSIST_PROFILE] [default: `default_profile` of the file, else "default"; "demo" is built in]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [env: ASSIST_CONFIG] [default: the platform config dir, e.g. ~/.config/assist/config.toml]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'How to render results [env: ASSIST_OUTPUT] [default: the profile''s `output`, else table]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'How to render results [env: ASSIST_OUTPUT] [default: the profile''s `output`, else table]')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'Region, overriding the profile''s (selects https://workspace.<region>.myhuaweicloud.com) [env: ASSIST_REGION]')
            [CompletionResult]::new('--project-id', '--project-id', [CompletionResultType]::ParameterName, 'Project ID, overriding the profile''s [env: ASSIST_PROJECT_ID]')
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'Workspace endpoint URL, overriding the region''s (private endpoints, the simulator) [env: ASSIST_ENDPOINT]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR is honoured by `auto`)')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Limit for establishing a connection, like 500ms, 5s')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Limit for one whole request, like 30s, 2m (for watch and start --wait without --deadline, also the overall limit)')
            [CompletionResult]::new('--max-attempts', '--max-attempts', [CompletionResultType]::ParameterName, 'Attempts per request for transient failures (GET/DELETE; POST only if never sent)')
            [CompletionResult]::new('--wait', '--wait', [CompletionResultType]::ParameterName, 'Then wait until the space is OPEN and print the final record (or just the code)')
            [CompletionResult]::new('--new', '--new', [CompletionResultType]::ParameterName, 'When a session is already open or waiting for the user, cancel it and ask again (without --new, that session is reported, and waited on with --wait)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show requests on stderr (-vv: also headers); secrets are always redacted')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show requests on stderr (-vv: also headers); secrets are always redacted')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'assist;cancel' {
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'Select the desktop by computer name (an exact match, any case, wins over partial ones)')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'Select the desktop by user name (an exact match, any case, wins over partial ones)')
            [CompletionResult]::new('--ip', '--ip', [CompletionResultType]::ParameterName, 'Select the desktop by IP address')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use [env: ASSIST_PROFILE] [default: `default_profile` of the file, else "default"; "demo" is built in]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [env: ASSIST_CONFIG] [default: the platform config dir, e.g. ~/.config/assist/config.toml]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'How to render results [env: ASSIST_OUTPUT] [default: the profile''s `output`, else table]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'How to render results [env: ASSIST_OUTPUT] [default: the profile''s `output`, else table]')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'Region, overriding the profile''s (selects https://workspace.<region>.myhuaweicloud.com) [env: ASSIST_REGION]')
            [CompletionResult]::new('--project-id', '--project-id', [CompletionResultType]::ParameterName, 'Project ID, overriding the profile''s [env: ASSIST_PROJECT_ID]')
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'Workspace endpoint URL, overriding the region''s (private endpoints, the simulator) [env: ASSIST_ENDPOINT]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR is honoured by `auto`)')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Limit for establishing a connection, like 500ms, 5s')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Limit for one whole request, like 30s, 2m (for watch and start --wait without --deadline, also the overall limit)')
            [CompletionResult]::new('--max-attempts', '--max-attempts', [CompletionResultType]::ParameterName, 'Attempts per request for transient failures (GET/DELETE; POST only if never sent)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show requests on stderr (-vv: also headers); secrets are always redacted')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show requests on stderr (-vv: also headers); secrets are always redacted')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'assist;watch' {
            [CompletionResult]::new('--file', '--file', [CompletionResultType]::ParameterName, 'Read desktop IDs from a file (one per line; blank lines and # comments skipped)')
            [CompletionResult]::new('--relist', '--relist', [CompletionResultType]::ParameterName, 'With --all: how often to list the project''s desktops again')
            [CompletionResult]::new('--interval', '--interval', [CompletionResultType]::ParameterName, 'How often to poll each desktop (requests are spread over the interval; at least 100ms)')
            [CompletionResult]::new('--concurrency', '--concurrency', [CompletionResultType]::ParameterName, 'How many requests may be in flight at once')
            [CompletionResult]::new('--max-rate', '--max-rate', [CompletionResultType]::ParameterName, 'Cap on requests per second across all desktops (a 429 also slows the whole watch)')
            [CompletionResult]::new('--until', '--until', [CompletionResultType]::ParameterName, 'Stop with exit 0 once every desktop has reached one of these statuses')
            [CompletionResult]::new('--deadline', '--deadline', [CompletionResultType]::ParameterName, 'Give up after this long (exit 8 when --until statuses are still pending) [default: --timeout when given, else none]')
            [CompletionResult]::new('--state', '--state', [CompletionResultType]::ParameterName, 'Remember what was seen in FILE between runs and report only changes since the last run')
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'Also watch the desktops with this computer name (exact match, else every partial one)')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'Also watch every desktop of this user (exact match, else every partial one)')
            [CompletionResult]::new('--ip', '--ip', [CompletionResultType]::ParameterName, 'Also watch the desktop with this IP address')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use [env: ASSIST_PROFILE] [default: `default_profile` of the file, else "default"; "demo" is built in]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [env: ASSIST_CONFIG] [default: the platform config dir, e.g. ~/.config/assist/config.toml]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'How to render results [env: ASSIST_OUTPUT] [default: the profile''s `output`, else table]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'How to render results [env: ASSIST_OUTPUT] [default: the profile''s `output`, else table]')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'Region, overriding the profile''s (selects https://workspace.<region>.myhuaweicloud.com) [env: ASSIST_REGION]')
            [CompletionResult]::new('--project-id', '--project-id', [CompletionResultType]::ParameterName, 'Project ID, overriding the profile''s [env: ASSIST_PROJECT_ID]')
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'Workspace endpoint URL, overriding the region''s (private endpoints, the simulator) [env: ASSIST_ENDPOINT]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR is honoured by `auto`)')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Limit for establishing a connection, like 500ms, 5s')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Limit for one whole request, like 30s, 2m (for watch and start --wait without --deadline, also the overall limit)')
            [CompletionResult]::new('--max-attempts', '--max-attempts', [CompletionResultType]::ParameterName, 'Attempts per request for transient failures (GET/DELETE; POST only if never sent)')
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'Watch every desktop of the project, listed again every --relist (new ones join, deleted ones leave with a note)')
            [CompletionResult]::new('--once', '--once', [CompletionResultType]::ParameterName, 'Poll each desktop once and exit (for cron)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show requests on stderr (-vv: also headers); secrets are always redacted')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show requests on stderr (-vv: also headers); secrets are always redacted')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'assist;config' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use [env: ASSIST_PROFILE] [default: `default_profile` of the file, else "default"; "demo" is built in]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [env: ASSIST_CONFIG] [default: the platform config dir, e.g. ~/.config/assist/config.toml]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'How to render results [env: ASSIST_OUTPUT] [default: the profile''s `output`, else table]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'How to render results [env: ASSIST_OUTPUT] [default: the profile''s `output`, else table]')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'Region, overriding the profile''s (selects https://workspace.<region>.myhuaweicloud.com) [env: ASSIST_REGION]')
            [CompletionResult]::new('--project-id', '--project-id', [CompletionResultType]::ParameterName, 'Project ID, overriding the profile''s [env: ASSIST_PROJECT_ID]')
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'Workspace endpoint URL, overriding the region''s (private endpoints, the simulator) [env: ASSIST_ENDPOINT]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR is honoured by `auto`)')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Limit for establishing a connection, like 500ms, 5s')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Limit for one whole request, like 30s, 2m (for watch and start --wait without --deadline, also the overall limit)')
            [CompletionResult]::new('--max-attempts', '--max-attempts', [CompletionResultType]::ParameterName, 'Attempts per request for transient failures (GET/DELETE; POST only if never sent)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show requests on stderr (-vv: also headers); secrets are always redacted')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show requests on stderr (-vv: also headers); secrets are always redacted')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('path', 'path', [CompletionResultType]::ParameterValue, 'The config file, cache dir and SDK credentials file that would be used')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'The profiles: region, auth mode and where each secret comes from (never its value)')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'The resolved settings of a profile, each with its source; secrets as (set, from …)')
            [CompletionResult]::new('init', 'init', [CompletionResultType]::ParameterValue, 'Write a profile: guided on a terminal, from flags with --no-input (file mode 0600)')
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Resolve everything and make one cheap authenticated call; report the failing step')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'assist;config;path' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use [env: ASSIST_PROFILE] [default: `default_profile` of the file, else "default"; "demo" is built in]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [env: ASSIST_CONFIG] [default: the platform config dir, e.g. ~/.config/assist/config.toml]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'How to render results [env: ASSIST_OUTPUT] [default: the profile''s `output`, else table]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'How to render results [env: ASSIST_OUTPUT] [default: the profile''s `output`, else table]')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'Region, overriding the profile''s (selects https://workspace.<region>.myhuaweicloud.com) [env: ASSIST_REGION]')
            [CompletionResult]::new('--project-id', '--project-id', [CompletionResultType]::ParameterName, 'Project ID, overriding the profile''s [env: ASSIST_PROJECT_ID]')
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'Workspace endpoint URL, overriding the region''s (private endpoints, the simulator) [env: ASSIST_ENDPOINT]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR is honoured by `auto`)')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Limit for establishing a connection, like 500ms, 5s')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Limit for one whole request, like 30s, 2m (for watch and start --wait without --deadline, also the overall limit)')
            [CompletionResult]::new('--max-attempts', '--max-attempts', [CompletionResultType]::ParameterName, 'Attempts per request for transient failures (GET/DELETE; POST only if never sent)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show requests on stderr (-vv: also headers); secrets are always redacted')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show requests on stderr (-vv: also headers); secrets are always redacted')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'assist;config;list' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use [env: ASSIST_PROFILE] [default: `default_profile` of the file, else "default"; "demo" is built in]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [env: ASSIST_CONFIG] [default: the platform config dir, e.g. ~/.config/assist/config.toml]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'How to render results [env: ASSIST_OUTPUT] [default: the profile''s `output`, else table]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'How to render results [env: ASSIST_OUTPUT] [default: the profile''s `output`, else table]')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'Region, overriding the profile''s (selects https://workspace.<region>.myhuaweicloud.com) [env: ASSIST_REGION]')
            [CompletionResult]::new('--project-id', '--project-id', [CompletionResultType]::ParameterName, 'Project ID, overriding the profile''s [env: ASSIST_PROJECT_ID]')
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'Workspace endpoint URL, overriding the region''s (private endpoints, the simulator) [env: ASSIST_ENDPOINT]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR is honoured by `auto`)')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Limit for establishing a connection, like 500ms, 5s')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Limit for one whole request, like 30s, 2m (for watch and start --wait without --deadline, also the overall limit)')
            [CompletionResult]::new('--max-attempts', '--max-attempts', [CompletionResultType]::ParameterName, 'Attempts per request for transient failures (GET/DELETE; POST only if never sent)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show requests on stderr (-vv: also headers); secrets are always redacted')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show requests on stderr (-vv: also headers); secrets are always redacted')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'assist;config;show' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use [env: ASSIST_PROFILE] [default: `default_profile` of the file, else "default"; "demo" is built in]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [env: ASSIST_CONFIG] [default: the platform config dir, e.g. ~/.config/assist/config.toml]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'How to render results [env: ASSIST_OUTPUT] [default: the profile''s `output`, else table]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'How to render results [env: ASSIST_OUTPUT] [default: the profile''s `output`, else table]')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'Region, overriding the profile''s (selects https://workspace.<region>.myhuaweicloud.com) [env: ASSIST_REGION]')
            [CompletionResult]::new('--project-id', '--project-id', [CompletionResultType]::ParameterName, 'Project ID, overriding the profile''s [env: ASSIST_PROJECT_ID]')
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'Workspace endpoint URL, overriding the region''s (private endpoints, the simulator) [env: ASSIST_ENDPOINT]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR is honoured by `auto`)')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Limit for establishing a connection, like 500ms, 5s')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Limit for one whole request, like 30s, 2m (for watch and start --wait without --deadline, also the overall limit)')
            [CompletionResult]::new('--max-attempts', '--max-attempts', [CompletionResultType]::ParameterName, 'Attempts per request for transient failures (GET/DELETE; POST only if never sent)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show requests on stderr (-vv: also headers); secrets are always redacted')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show requests on stderr (-vv: also headers); secrets are always redacted')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'assist;config;init' {
            [CompletionResult]::new('--auth', '--auth', [CompletionResultType]::ParameterName, 'Authentication mode [default: aksk]')
            [CompletionResult]::new('--ak', '--ak', [CompletionResultType]::ParameterName, 'Access key ID (not a secret)')
            [CompletionResult]::new('--sk-command', '--sk-command', [CompletionResultType]::ParameterName, 'Command that prints the secret key (run at each use; nothing stored)')
            [CompletionResult]::new('--sk-file', '--sk-file', [CompletionResultType]::ParameterName, 'File that holds the secret key')
            [CompletionResult]::new('--token-command', '--token-command', [CompletionResultType]::ParameterName, 'Command that prints an IAM token')
            [CompletionResult]::new('--token-file', '--token-file', [CompletionResultType]::ParameterName, 'File that holds an IAM token')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'IAM user name (password auth)')
            [CompletionResult]::new('--domain', '--domain', [CompletionResultType]::ParameterName, 'Account (domain) name (password auth)')
            [CompletionResult]::new('--password-command', '--password-command', [CompletionResultType]::ParameterName, 'Command that prints the IAM password (password auth; the password never touches disk)')
            [CompletionResult]::new('--iam-endpoint', '--iam-endpoint', [CompletionResultType]::ParameterName, 'IAM endpoint, if not the region''s')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use [env: ASSIST_PROFILE] [default: `default_profile` of the file, else "default"; "demo" is built in]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [env: ASSIST_CONFIG] [default: the platform config dir, e.g. ~/.config/assist/config.toml]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'How to render results [env: ASSIST_OUTPUT] [default: the profile''s `output`, else table]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'How to render results [env: ASSIST_OUTPUT] [default: the profile''s `output`, else table]')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'Region, overriding the profile''s (selects https://workspace.<region>.myhuaweicloud.com) [env: ASSIST_REGION]')
            [CompletionResult]::new('--project-id', '--project-id', [CompletionResultType]::ParameterName, 'Project ID, overriding the profile''s [env: ASSIST_PROJECT_ID]')
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'Workspace endpoint URL, overriding the region''s (private endpoints, the simulator) [env: ASSIST_ENDPOINT]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR is honoured by `auto`)')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Limit for establishing a connection, like 500ms, 5s')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Limit for one whole request, like 30s, 2m (for watch and start --wait without --deadline, also the overall limit)')
            [CompletionResult]::new('--max-attempts', '--max-attempts', [CompletionResultType]::ParameterName, 'Attempts per request for transient failures (GET/DELETE; POST only if never sent)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt: take everything from flags (also the case without a terminal)')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Replace the profile if it exists')
            [CompletionResult]::new('--set-default', '--set-default', [CompletionResultType]::ParameterName, 'Make it the default profile of the file')
            [CompletionResult]::new('--sk-stdin', '--sk-stdin', [CompletionResultType]::ParameterName, 'Read the secret key from stdin and store it in the profile (file mode 0600)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show requests on stderr (-vv: also headers); secrets are always redacted')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show requests on stderr (-vv: also headers); secrets are always redacted')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'assist;config;check' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use [env: ASSIST_PROFILE] [default: `default_profile` of the file, else "default"; "demo" is built in]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [env: ASSIST_CONFIG] [default: the platform config dir, e.g. ~/.config/assist/config.toml]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'How to render results [env: ASSIST_OUTPUT] [default: the profile''s `output`, else table]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'How to render results [env: ASSIST_OUTPUT] [default: the profile''s `output`, else table]')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'Region, overriding the profile''s (selects https://workspace.<region>.myhuaweicloud.com) [env: ASSIST_REGION]')
            [CompletionResult]::new('--project-id', '--project-id', [CompletionResultType]::ParameterName, 'Project ID, overriding the profile''s [env: ASSIST_PROJECT_ID]')
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'Workspace endpoint URL, overriding the region''s (private endpoints, the simulator) [env: ASSIST_ENDPOINT]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR is honoured by `auto`)')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Limit for establishing a connection, like 500ms, 5s')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Limit for one whole request, like 30s, 2m (for watch and start --wait without --deadline, also the overall limit)')
            [CompletionResult]::new('--max-attempts', '--max-attempts', [CompletionResultType]::ParameterName, 'Attempts per request for transient failures (GET/DELETE; POST only if never sent)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show requests on stderr (-vv: also headers); secrets are always redacted')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show requests on stderr (-vv: also headers); secrets are always redacted')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'assist;config;help' {
            [CompletionResult]::new('path', 'path', [CompletionResultType]::ParameterValue, 'The config file, cache dir and SDK credentials file that would be used')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'The profiles: region, auth mode and where each secret comes from (never its value)')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'The resolved settings of a profile, each with its source; secrets as (set, from …)')
            [CompletionResult]::new('init', 'init', [CompletionResultType]::ParameterValue, 'Write a profile: guided on a terminal, from flags with --no-input (file mode 0600)')
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Resolve everything and make one cheap authenticated call; report the failing step')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'assist;config;help;path' {
            break
        }
        'assist;config;help;list' {
            break
        }
        'assist;config;help;show' {
            break
        }
        'assist;config;help;init' {
            break
        }
        'assist;config;help;check' {
            break
        }
        'assist;config;help;help' {
            break
        }
        'assist;desktops' {
            [CompletionResult]::new('--status', '--status', [CompletionResultType]::ParameterName, 'Only desktops in this state: ACTIVE, SHUTOFF, ERROR, HIBERNATED')
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'Computer names containing this text (any case)')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'User names containing this text (any case)')
            [CompletionResult]::new('--ip', '--ip', [CompletionResultType]::ParameterName, 'The desktop with this IP address')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use [env: ASSIST_PROFILE] [default: `default_profile` of the file, else "default"; "demo" is built in]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [env: ASSIST_CONFIG] [default: the platform config dir, e.g. ~/.config/assist/config.toml]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'How to render results [env: ASSIST_OUTPUT] [default: the profile''s `output`, else table]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'How to render results [env: ASSIST_OUTPUT] [default: the profile''s `output`, else table]')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'Region, overriding the profile''s (selects https://workspace.<region>.myhuaweicloud.com) [env: ASSIST_REGION]')
            [CompletionResult]::new('--project-id', '--project-id', [CompletionResultType]::ParameterName, 'Project ID, overriding the profile''s [env: ASSIST_PROJECT_ID]')
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'Workspace endpoint URL, overriding the region''s (private endpoints, the simulator) [env: ASSIST_ENDPOINT]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR is honoured by `auto`)')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Limit for establishing a connection, like 500ms, 5s')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Limit for one whole request, like 30s, 2m (for watch and start --wait without --deadline, also the overall limit)')
            [CompletionResult]::new('--max-attempts', '--max-attempts', [CompletionResultType]::ParameterName, 'Attempts per request for transient failures (GET/DELETE; POST only if never sent)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show requests on stderr (-vv: also headers); secrets are always redacted')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show requests on stderr (-vv: also headers); secrets are always redacted')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'assist;sessions' {
            [CompletionResult]::new('--status', '--status', [CompletionResultType]::ParameterName, 'Only desktops in this state (ACTIVE, SHUTOFF, ERROR, HIBERNATED), or only sessions in this state (OPEN, WAIT_USER_CONFIRM, WAIT_USER_ACCESS)')
            [CompletionResult]::new('--older-than', '--older-than', [CompletionResultType]::ParameterName, 'Only sessions created longer ago than this, like 2h (a session whose creation time the cloud does not give is left out)')
            [CompletionResult]::new('--interval', '--interval', [CompletionResultType]::ParameterName, 'With --watch: how often to poll each desktop')
            [CompletionResult]::new('--concurrency', '--concurrency', [CompletionResultType]::ParameterName, 'How many requests may be in flight at once')
            [CompletionResult]::new('--max-rate', '--max-rate', [CompletionResultType]::ParameterName, 'Cap on requests per second (a 429 also slows the whole run)')
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'Only desktops whose computer name contains this text (any case)')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'Only desktops whose user name contains this text (any case)')
            [CompletionResult]::new('--ip', '--ip', [CompletionResultType]::ParameterName, 'Only the desktop with this IP address')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use [env: ASSIST_PROFILE] [default: `default_profile` of the file, else "default"; "demo" is built in]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [env: ASSIST_CONFIG] [default: the platform config dir, e.g. ~/.config/assist/config.toml]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'How to render results [env: ASSIST_OUTPUT] [default: the profile''s `output`, else table]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'How to render results [env: ASSIST_OUTPUT] [default: the profile''s `output`, else table]')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'Region, overriding the profile''s (selects https://workspace.<region>.myhuaweicloud.com) [env: ASSIST_REGION]')
            [CompletionResult]::new('--project-id', '--project-id', [CompletionResultType]::ParameterName, 'Project ID, overriding the profile''s [env: ASSIST_PROJECT_ID]')
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'Workspace endpoint URL, overriding the region''s (private endpoints, the simulator) [env: ASSIST_ENDPOINT]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR is honoured by `auto`)')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Limit for establishing a connection, like 500ms, 5s')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Limit for one whole request, like 30s, 2m (for watch and start --wait without --deadline, also the overall limit)')
            [CompletionResult]::new('--max-attempts', '--max-attempts', [CompletionResultType]::ParameterName, 'Attempts per request for transient failures (GET/DELETE; POST only if never sent)')
            [CompletionResult]::new('--cancel', '--cancel', [CompletionResultType]::ParameterName, 'Close every listed session: asks first on a terminal; scripts add --yes')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'With --cancel: do not ask')
            [CompletionResult]::new('--watch', '--watch', [CompletionResultType]::ParameterName, 'Keep a live board on a terminal, redrawn in place (q or Ctrl-C quits); without a terminal, one line per change')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show requests on stderr (-vv: also headers); secrets are always redacted')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show requests on stderr (-vv: also headers); secrets are always redacted')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'assist;sim' {
            [CompletionResult]::new('--addr', '--addr', [CompletionResultType]::ParameterName, 'Address to listen on; port 0 picks a free port. Only loopback unless --allow-remote')
            [CompletionResult]::new('--ak', '--ak', [CompletionResultType]::ParameterName, 'Access key (AK) the simulator accepts for SDK-HMAC-SHA256 signatures')
            [CompletionResult]::new('--sk', '--sk', [CompletionResultType]::ParameterName, 'Secret key (SK) the simulator verifies signatures with [default: the demo SK]')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'Token the simulator accepts in X-Auth-Token [default: the demo token]')
            [CompletionResult]::new('--temp-ak', '--temp-ak', [CompletionResultType]::ParameterName, 'Temporary access key: accepted only with --security-token in X-Security-Token')
            [CompletionResult]::new('--temp-sk', '--temp-sk', [CompletionResultType]::ParameterName, 'Secret key of --temp-ak [default: the demo temporary SK]')
            [CompletionResult]::new('--security-token', '--security-token', [CompletionResultType]::ParameterName, 'The security token that goes with --temp-ak; any other X-Security-Token is refused (401) [default: the demo security token]')
            [CompletionResult]::new('--project-id', '--project-id', [CompletionResultType]::ParameterName, 'Project ID served under /v2/{project_id}/, and the ID of the --region project in IAM')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'Region name of the one IAM project (token scope.project.name, GET /v3/projects?name=)')
            [CompletionResult]::new('--iam-user', '--iam-user', [CompletionResultType]::ParameterName, 'User who may get a token from POST /v3/auth/tokens with this password; repeatable. The password may contain '':'' [default: demo-user:Demo-Passw0rd!]')
            [CompletionResult]::new('--iam-domain', '--iam-domain', [CompletionResultType]::ParameterName, 'Account (domain) name of every --iam-user, as in password.user.domain.name')
            [CompletionResult]::new('--token-ttl', '--token-ttl', [CompletionResultType]::ParameterName, 'How long a token issued by POST /v3/auth/tokens is accepted, e.g. 24h, 2s')
            [CompletionResult]::new('--confirm-after', '--confirm-after', [CompletionResultType]::ParameterName, 'Time from start until the end user "confirms" (WAIT_USER_CONFIRM -> WAIT_USER_ACCESS), e.g. 2s, 100ms')
            [CompletionResult]::new('--access-after', '--access-after', [CompletionResultType]::ParameterName, 'Further time until the end user "enables access" (WAIT_USER_ACCESS -> OPEN)')
            [CompletionResult]::new('--refuse', '--refuse', [CompletionResultType]::ParameterName, 'Desktop whose end user declines new requests (-> CLOSE with failed_reason); repeatable')
            [CompletionResult]::new('--desktops', '--desktops', [CompletionResultType]::ParameterName, 'Seed N more desktops 00000000-0000-4000-8000-{index:012} (PC-00001, user001, ...)')
            [CompletionResult]::new('--seed-status', '--seed-status', [CompletionResultType]::ParameterName, 'Assistance records of the --desktops ones: none until started, or a fixed mix')
            [CompletionResult]::new('--fault', '--fault', [CompletionResultType]::ParameterName, 'Misbehave on a fraction (--fault-rate) of Workspace requests: latency[:DUR], 403, 429, 500, 502, 503, 504, html, empty, truncated, wrong-types, nulls, unknown-status, escapes, huge (10 MB), trickle (1 byte/s for 4 bytes, then the rest), drop, redirect, flood (ListDesktops: 20,000 desktops a page, no end), echo-headers (a 400 quoting every request header), spoof (bidi overrides, zero-width characters, C1 controls); or mixed: per faulted request one of them at random (latency up to 2s), never redirect, which is a permanent answer rather than a passing failure')
            [CompletionResult]::new('--fault-rate', '--fault-rate', [CompletionResultType]::ParameterName, 'Fraction of Workspace requests that get --fault, from 0 to 1')
            [CompletionResult]::new('--fault-on', '--fault-on', [CompletionResultType]::ParameterName, 'Always misbehave for one desktop, e.g. --fault-on a130ab3a-...=500; repeatable')
            [CompletionResult]::new('--latency', '--latency', [CompletionResultType]::ParameterName, 'Extra delay before every Workspace answer, e.g. 200ms')
            [CompletionResult]::new('--retry-after', '--retry-after', [CompletionResultType]::ParameterName, 'Seconds sent in the Retry-After header of a 429 fault')
            [CompletionResult]::new('--clock-ahead', '--clock-ahead', [CompletionResultType]::ParameterName, 'Run the gateway''s clock this far ahead of the machine''s, e.g. 20m: every AK/SK request then fails with APIGW.0303 (clock skew), as from a client whose clock is late')
            [CompletionResult]::new('--no-record-as', '--no-record-as', [CompletionResultType]::ParameterName, 'What GET answers for an existing desktop without an assistance record (the cloud''s answer is not documented): 404 with a SIM.0411 code, 200 with `{}`, or 200 with the nine fields null')
            [CompletionResult]::new('--post-on-active', '--post-on-active', [CompletionResultType]::ParameterName, 'What POST answers on a desktop whose session is already open or pending (not documented either): the existing record (200), or 409 SIM.0409')
            [CompletionResult]::new('--page-size-cap', '--page-size-cap', [CompletionResultType]::ParameterName, 'Largest page ListDesktops answers, whatever limit the client asks for (at most 1000)')
            [CompletionResult]::new('--name-match', '--name-match', [CompletionResultType]::ParameterName, 'How ListDesktops matches `computer_name`: exact (whole name, same case; the stricter reading of the API reference) or fuzzy (part of the name, any case)')
            [CompletionResult]::new('--tls-cert', '--tls-cert', [CompletionResultType]::ParameterName, 'Serve HTTPS with this PEM certificate chain (with --tls-key) instead of plain HTTP')
            [CompletionResult]::new('--tls-key', '--tls-key', [CompletionResultType]::ParameterName, 'PEM private key (PKCS#8, PKCS#1 or SEC1) of --tls-cert')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use [env: ASSIST_PROFILE] [default: `default_profile` of the file, else "default"; "demo" is built in]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [env: ASSIST_CONFIG] [default: the platform config dir, e.g. ~/.config/assist/config.toml]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'How to render results [env: ASSIST_OUTPUT] [default: the profile''s `output`, else table]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'How to render results [env: ASSIST_OUTPUT] [default: the profile''s `output`, else table]')
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'Workspace endpoint URL, overriding the region''s (private endpoints, the simulator) [env: ASSIST_ENDPOINT]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR is honoured by `auto`)')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Limit for establishing a connection, like 500ms, 5s')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Limit for one whole request, like 30s, 2m (for watch and start --wait without --deadline, also the overall limit)')
            [CompletionResult]::new('--max-attempts', '--max-attempts', [CompletionResultType]::ParameterName, 'Attempts per request for transient failures (GET/DELETE; POST only if never sent)')
            [CompletionResult]::new('--allow-remote', '--allow-remote', [CompletionResultType]::ParameterName, 'Allow listening on a non-loopback address (the simulator has demo credentials only)')
            [CompletionResult]::new('--duplicate-project', '--duplicate-project', [CompletionResultType]::ParameterName, 'GET /v3/projects answers two projects for the region (an error for clients)')
            [CompletionResult]::new('--lively', '--lively', [CompletionResultType]::ParameterName, 'Seeded sessions that wait for the end user move on like started ones (from the first time they are read) instead of waiting for ever; the demo profile''s simulator does this')
            [CompletionResult]::new('--reset-demo', '--reset-demo', [CompletionResultType]::ParameterName, 'Forget the demo profile''s saved state (the sessions started or cancelled with `--profile demo`), so that the demo starts over; then exit')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show requests on stderr (-vv: also headers); secrets are always redacted')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show requests on stderr (-vv: also headers); secrets are always redacted')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'assist;completions' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use [env: ASSIST_PROFILE] [default: `default_profile` of the file, else "default"; "demo" is built in]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [env: ASSIST_CONFIG] [default: the platform config dir, e.g. ~/.config/assist/config.toml]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'How to render results [env: ASSIST_OUTPUT] [default: the profile''s `output`, else table]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'How to render results [env: ASSIST_OUTPUT] [default: the profile''s `output`, else table]')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'Region, overriding the profile''s (selects https://workspace.<region>.myhuaweicloud.com) [env: ASSIST_REGION]')
            [CompletionResult]::new('--project-id', '--project-id', [CompletionResultType]::ParameterName, 'Project ID, overriding the profile''s [env: ASSIST_PROJECT_ID]')
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'Workspace endpoint URL, overriding the region''s (private endpoints, the simulator) [env: ASSIST_ENDPOINT]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR is honoured by `auto`)')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Limit for establishing a connection, like 500ms, 5s')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Limit for one whole request, like 30s, 2m (for watch and start --wait without --deadline, also the overall limit)')
            [CompletionResult]::new('--max-attempts', '--max-attempts', [CompletionResultType]::ParameterName, 'Attempts per request for transient failures (GET/DELETE; POST only if never sent)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show requests on stderr (-vv: also headers); secrets are always redacted')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show requests on stderr (-vv: also headers); secrets are always redacted')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'assist;help' {
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show the remote-assistance state and invitation code of one desktop')
            [CompletionResult]::new('start', 'start', [CompletionResultType]::ParameterValue, 'Ask the end user for remote assistance (POST); --wait waits for the invitation code')
            [CompletionResult]::new('cancel', 'cancel', [CompletionResultType]::ParameterValue, 'Close the remote-assistance session of a desktop (DELETE)')
            [CompletionResult]::new('watch', 'watch', [CompletionResultType]::ParameterValue, 'Poll one or many desktops and report each change, until a status, a deadline or Ctrl-C')
            [CompletionResult]::new('config', 'config', [CompletionResultType]::ParameterValue, 'Where the config is, its profiles, the resolved settings, a guided set-up, a live check')
            [CompletionResult]::new('desktops', 'desktops', [CompletionResultType]::ParameterValue, 'Find desktops by computer name, user, IP or status (ListDesktops), to learn their IDs')
            [CompletionResult]::new('sessions', 'sessions', [CompletionResultType]::ParameterValue, 'Every open or pending session of the project (or of a selector), oldest first; --cancel closes them, --watch keeps a live board')
            [CompletionResult]::new('sim', 'sim', [CompletionResultType]::ParameterValue, 'Run the local Workspace simulator (for the demo, tests and trying scripts)')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'assist;help;show' {
            break
        }
        'assist;help;start' {
            break
        }
        'assist;help;cancel' {
            break
        }
        'assist;help;watch' {
            break
        }
        'assist;help;config' {
            [CompletionResult]::new('path', 'path', [CompletionResultType]::ParameterValue, 'The config file, cache dir and SDK credentials file that would be used')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'The profiles: region, auth mode and where each secret comes from (never its value)')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'The resolved settings of a profile, each with its source; secrets as (set, from …)')
            [CompletionResult]::new('init', 'init', [CompletionResultType]::ParameterValue, 'Write a profile: guided on a terminal, from flags with --no-input (file mode 0600)')
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Resolve everything and make one cheap authenticated call; report the failing step')
            break
        }
        'assist;help;config;path' {
            break
        }
        'assist;help;config;list' {
            break
        }
        'assist;help;config;show' {
            break
        }
        'assist;help;config;init' {
            break
        }
        'assist;help;config;check' {
            break
        }
        'assist;help;desktops' {
            break
        }
        'assist;help;sessions' {
            break
        }
        'assist;help;sim' {
            break
        }
        'assist;help;completions' {
            break
        }
        'assist;help;help' {
            break
        }
    })

    $completions.Where{ $_.CompletionText -like "$wordToComplete*" } |
        Sort-Object -Property ListItemText
}
