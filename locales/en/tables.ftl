# The words of tables, labels, the live board and `watch` lines, in English. Into a pipe or
# a file a table keeps these English words whatever the language (scripts match them).
# Table headers are upper-cased when shown.

## output/: the column headers of desktops, sessions, log
col-id = ID
col-name = Name
col-user = User
col-ip = IP
col-status = Status
col-connect = Connect
col-code = Code
col-created = Created
col-time = Time
col-action = Action
col-desktop = Desktop
col-ticket = Ticket
col-operator = Operator
col-http = HTTP
col-reason = Reason

## output/show.rs: the row labels of show, show --detail and start
label-desktop = Desktop
label-computer-name = Computer name
label-user = User
label-status = Status
label-invitation-code = Invitation code
label-space-name = Space name
label-space-id = Space ID
label-password = Password
label-private-link = Private link
label-internet-link = Internet link
label-created = Created
label-failed-reason = Failed reason
label-next-step = Next step
label-initiator = Initiator
label-power = Power
label-login = Login
label-maintenance = Maintenance
label-task = Task
word-yes = yes
word-no = no
show-password-masked = { $mask } (--show-password reveals it)

## output/show.rs: what a status means for the operator (the status itself is data)
status-meaning-open = the space is open: join it with the invitation code
status-meaning-wait-user-confirm = waiting for the user to accept on their desktop
status-meaning-wait-user-access = the user accepted; waiting for them to enable access
status-meaning-close = the assistance is closed: `assist start` asks again
status-meaning-none = no remote assistance session: `assist start` asks the user for one
status-meaning-other = a status this version of assist does not know
status-meaning-missing = the service sent no status

## output/age.rs: how long ago
age-year = { $n } year
age-years = { $n } years
age-month = { $n } month
age-months = { $n } months
age-day = { $n } day
age-days = { $n } days
age-hour = { $n } hour
age-hours = { $n } hours
age-min = { $n } min
age-ago = { $amount } ago
age-in = in { $amount }
age-just-now = just now

## output/board.rs: the live board of sessions --watch
board-checked = { $seen } of { $total } desktops checked
board-quit = q quits
board-last-change = last change: { $change }
board-none-yet = none yet
board-no-session = no open or pending session
board-more = … { $count } more

## output/watch.rs: the fields of a watch line
watch-code = code { $code }
watch-failed = failed: { $reason }

## output/log.rs: log --verify
log-verified = { $path }: { $lines } line(s), the chain is intact

## output/settings.rs: the tenant's collaboration settings
setting-is-user-confirm-enabled = end user must accept
setting-wait-confirm-time = time to accept
setting-keyboard-mouse-ctl = keyboard and mouse for the helper
setting-audio-and-video = audio and video
setting-use-share-password = space needs a password
setting-allow-anonymous = anonymous helpers may join
setting-anonymous-input-ctrl = keyboard and mouse for anonymous helpers
setting-share-space-name = space name
# A value and a note on it (a status and its meaning, a time and its age): output/show.rs
value-with-note = { $value } ({ $note })
