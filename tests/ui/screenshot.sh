#!/usr/bin/env bash
# SPDX-FileCopyrightText: 2026 The Letterbox developers
# SPDX-License-Identifier: MIT
#
# Starts the desktop app under Xvfb on a private store and port, sends it a few messages with
# swaks (plain text, HTML with an inline cid: image and a remote image, an attachment, a Bcc
# recipient), and saves screenshots of the whole screen: letterbox-empty.png (before any mail),
# letterbox-inbox.png (the HTML message selected), letterbox-narrow-search.png (the window
# 860 px wide with a search typed), letterbox-no-hits.png (a search without hits: the empty
# state), letterbox-search-error.png (a query that does not parse), letterbox-help-syntax.png
# (Help › Search Syntax), letterbox-sessions.png (the live log with AUTH accepted and refused),
# letterbox-ehlo.png (the live log with a multi-line EHLO reply, one row per reply line),
# letterbox-trace.png (the Trace tab of the 4th of 7 messages sent in one connection: its
# transaction highlighted, the session's facts above it), letterbox-dark.png (the inbox in the
# dark appearance), letterbox-settings-port-in-use.png (Settings with a port another program
# listens on typed in: the reason next to the field) and letterbox-stopped.png (started on that
# port: the stopped status bar with its Start button, and the problem dialog):
#   tests/ui/screenshot.sh [LETTERBOX_BINARY] [OUTPUT_DIR]
# Needs Xvfb, swaks, xdotool and ImageMagick's import. Only 127.0.0.1 is used.
set -euo pipefail

binary=${1:-build/bin/letterbox}
out=${2:-screenshots}
# A free loopback port and a free display, so that runs in parallel do not collide.
port=${LETTERBOX_SCREENSHOT_PORT:-$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')}
work=$(mktemp -d)
mkdir -p "$out"
out=$(cd "$out" && pwd)

cleanup() {
    [ -n "${app_pid:-}" ] && kill "$app_pid" 2>/dev/null || true
    [ -n "${squatter_pid:-}" ] && kill "$squatter_pid" 2>/dev/null || true
    [ -n "${xvfb_pid:-}" ] && kill "$xvfb_pid" 2>/dev/null || true
    wait 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

Xvfb -displayfd 3 -screen 0 1400x900x24 -nolisten tcp 3>"$work/display" >"$work/xvfb.log" 2>&1 &
xvfb_pid=$!
for _ in $(seq 100); do
    [ -s "$work/display" ] && break
    sleep 0.1
done
display=":$(head -n1 "$work/display")"

# A private home: settings, window geometry and the store start from nothing.
export HOME="$work/home" XDG_CONFIG_HOME="$work/home/.config" XDG_DATA_HOME="$work/home/.local/share"
export XDG_RUNTIME_DIR="$work/runtime" DISPLAY="$display" QT_QPA_PLATFORM=xcb
mkdir -p "$HOME" "$XDG_RUNTIME_DIR" && chmod 700 "$XDG_RUNTIME_DIR"
if [ "$(id -u)" -eq 0 ]; then export QTWEBENGINE_CHROMIUM_FLAGS=--no-sandbox; fi

"$binary" --listen "127.0.0.1:$port" --store "$work/store" >"$work/app.log" 2>&1 &
app_pid=$!
for _ in $(seq 100); do
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break
    sleep 0.1
done

sleep 2
import -window root "$out/letterbox-empty.png"

# A 16x16 PNG to embed by cid: and to attach.
png="$work/pixel.png"
convert -size 16x16 xc:'#3b82c4' "$png"

# Content-ID for the inline image: swaks cannot set it per part, so send one built by hand too.
boundary=lb-boundary
{
    printf 'Subject: Newsletter with an inline image\r\nFrom: news@example.test\r\nTo: dave@example.test\r\n'
    printf 'MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=%s\r\n\r\n' "$boundary"
    printf -- '--%s\r\nContent-Type: text/html; charset=utf-8\r\n\r\n' "$boundary"
    printf '<html><body style="font-family:sans-serif"><h2>Inline image below</h2><p><img src="cid:logo@letterbox.test" width="64" height="64"></p><p>Remote: <img src="http://example.invalid/x.png"></p></body></html>\r\n'
    printf -- '--%s\r\nContent-Type: image/png\r\nContent-ID: <logo@letterbox.test>\r\nContent-Transfer-Encoding: base64\r\nContent-Disposition: inline; filename=logo.png\r\n\r\n' "$boundary"
    base64 "$png" | tr -d '\n'
    printf '\r\n--%s--\r\n' "$boundary"
} >"$work/newsletter.eml"
swaks --silent 2 --server "127.0.0.1:$port" --from news@example.test --to dave@example.test \
    --data "@$work/newsletter.eml"
# The window selects the newest message when nothing is selected: let the newsletter be listed
# alone first, so the screenshot shows its HTML rendered by QtWebEngine.
sleep 1


swaks --silent 2 --server "127.0.0.1:$port" --from alice@example.test --to bob@example.test \
    --header "Subject: Plain text hello" --body "Hello Bob, this is plain text."

html='<html><body style="font-family:sans-serif"><h1 style="color:#1f5a94">Your order has shipped</h1>
<p>Hi Carol, your parcel is on its way. <img src="cid:logo@letterbox.test" width="48" height="48" alt="logo"></p>
<p><img src="https://tracker.example.invalid/pixel.gif" alt="remote pixel"> (a remote image: blocked)</p>
<table border="1" cellpadding="6"><tr><th>Item</th><th>Qty</th></tr><tr><td>Widget</td><td>2</td></tr></table>
</body></html>'
swaks --silent 2 --server "127.0.0.1:$port" --from shop@example.test \
    --to carol@example.test --to secret-bcc@example.test \
    --header "Subject: Your order has shipped" --header "To: Carol <carol@example.test>" \
    --add-header "MIME-Version: 1.0" \
    --attach-type text/html --attach-body "$html" \
    --attach-type image/png --attach-name logo.png --attach "@$png" \
    --attach-type application/pdf --attach-name invoice.pdf --attach-body "%PDF-1.4 not really"

sleep 3
import -window root "$out/letterbox-inbox.png"

# Narrow: 860 px wide, the search typed as a user would (Ctrl+F, then the query). There is no
# window manager, so the window is focused directly and keys go through XTEST.
window=$(xdotool search --sync --onlyvisible --name '^Letterbox' | head -n1)
eval "$(xdotool getwindowgeometry --shell "$window")"
xdotool windowsize --sync "$window" 860 640
xdotool windowfocus --sync "$window"
sleep 1
xdotool key ctrl+f
xdotool type --delay 20 'from:shop has:attachment'
sleep 2
import -window "$window" "$out/letterbox-narrow-search.png"

# A search without hits: the empty state, and no message in the viewer.
xdotool key ctrl+a
xdotool type --delay 20 'subject:"no such thing"'
sleep 2
import -window "$window" "$out/letterbox-no-hits.png"

# A query that does not parse: the reason under the box, the list greyed, the viewer empty.
xdotool key ctrl+a
xdotool type --delay 20 'from:shop has:nothing'
sleep 2
import -window "$window" "$out/letterbox-search-error.png"

# Help › Search Syntax (the first entry of the Help menu), made from the parser's table.
xdotool key Escape alt+h
sleep 0.5
xdotool key Return
sleep 1
import -window root "$out/letterbox-help-syntax.png"
xdotool key Escape
xdotool windowfocus --sync "$window"
# Back to the full size and no search: the window's geometry is saved for the next runs.
xdotool key Escape
xdotool windowsize --sync "$window" "$WIDTH" "$HEIGHT"
sleep 1

# The Sessions tab: restart on the same store with the tab remembered, then send mail with
# AUTH so the log shows a whole dialogue (sessions live in memory; the inbox comes back).
kill "$app_pid"; wait "$app_pid" 2>/dev/null || true
mkdir -p "$XDG_CONFIG_HOME/letterbox"
printf '[window]\ntab=1\n' >"$XDG_CONFIG_HOME/letterbox/letterbox.conf"
"$binary" --listen "127.0.0.1:$port" --store "$work/store" --auth-user alice:secret \
    --auth-mechanisms PLAIN,LOGIN,CRAM-MD5 --allow-insecure-auth >"$work/app2.log" 2>&1 &
app_pid=$!
for _ in $(seq 100); do
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break
    sleep 0.1
done
swaks --silent 2 --server "127.0.0.1:$port" --from alice@example.test --to bob@example.test \
    --auth LOGIN --auth-user alice --auth-password secret \
    --header "Subject: Authenticated hello" --body "Sent with AUTH LOGIN."
swaks --silent 2 --server "127.0.0.1:$port" --from mallory@example.test --to bob@example.test \
    --auth PLAIN --auth-user mallory --auth-password wrong --header "Subject: never" || true
sleep 2
import -window root "$out/letterbox-sessions.png"

# A session that only says EHLO: its reply is one row per line, 250- continuations then 250.
swaks --silent 2 --server "127.0.0.1:$port" --quit-after EHLO --ehlo ehlo.example.test || true
sleep 2
import -window root "$out/letterbox-ehlo.png"

# The Trace tab of a message in the middle of a session: seven messages in one connection.
kill "$app_pid"; wait "$app_pid" 2>/dev/null || true
sed -i 's/^tab=1$/tab=0/' "$XDG_CONFIG_HOME/letterbox/letterbox.conf"
"$binary" --listen "127.0.0.1:$port" --store "$work/store" >"$work/app-trace.log" 2>&1 &
app_pid=$!
for _ in $(seq 100); do
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break
    sleep 0.1
done
python3 - "$port" <<'PYTHON'
import smtplib, sys
from email.message import EmailMessage
with smtplib.SMTP("127.0.0.1", int(sys.argv[1]), local_hostname="batch.example.test") as smtp:
    for number in range(1, 8):
        message = EmailMessage()
        message["From"] = "batch@example.test"
        message["To"] = "team@example.test"
        message["Subject"] = f"Batch message {number} of 7"
        message.set_content(f"Message {number} of a batch sent in one SMTP connection.")
        smtp.send_message(message)
PYTHON
sleep 3
# A click in the list gives it the focus, Page Up selects the newest message and three Downs
# message 4 of the batch. A click on the viewer's Headers tab (its place never changes) and
# into its page puts the focus in the tabs, and Ctrl+Tab steps on to the Trace tab,
# whose place depends on the message's other tabs. Without a window manager the window sits
# at 0,0 in its default size, so these points are stable (override them if the layout changes).
window=$(xdotool search --sync --onlyvisible --name '^Letterbox' | head -n1)
xdotool mousemove --window "$window" 300 "${LETTERBOX_SCREENSHOT_ROW_Y:-250}" click 1
xdotool key --window "$window" Prior Prior Prior Down Down Down
sleep 2
# shellcheck disable=SC2086 # "X Y"
xdotool mousemove --window "$window" ${LETTERBOX_SCREENSHOT_HEADERS_TAB:-143 463} click 1
sleep 0.5
xdotool mousemove --window "$window" 400 600 click 1
# Raw, Envelope, Trace: Ctrl+Tab skips the disabled Attachments tab.
for _ in 1 2 3; do
    xdotool key --window "$window" ctrl+Tab
done
sleep 2
import -window root "$out/letterbox-trace.png"

# The dark appearance (Settings > Storage & Desktop), as saved by the dialog, on the inbox tab.
kill "$app_pid"; wait "$app_pid" 2>/dev/null || true
sed -i 's/^tab=1$/tab=0/' "$XDG_CONFIG_HOME/letterbox/letterbox.conf"
printf '[desktop]\nappearance=dark\n' >>"$XDG_CONFIG_HOME/letterbox/letterbox.conf"
"$binary" --listen "127.0.0.1:$port" --store "$work/store" >"$work/app3.log" 2>&1 &
app_pid=$!
for _ in $(seq 100); do
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break
    sleep 0.1
done
sleep 3
import -window root "$out/letterbox-dark.png"

# Settings with a port in use: another program (python) listens on a loopback port, and the
# port is typed into Settings > Server > Listen on; the check shows the reason next to it.
kill "$app_pid"; wait "$app_pid" 2>/dev/null || true
sed -i 's/^appearance=dark$/appearance=light/' "$XDG_CONFIG_HOME/letterbox/letterbox.conf"
python3 -c '
import socket, sys, time
s = socket.socket()
s.bind(("127.0.0.1", 0))
s.listen()
print(s.getsockname()[1], flush=True)
time.sleep(120)
' >"$work/busy-port" &
squatter_pid=$!
for _ in $(seq 100); do
    [ -s "$work/busy-port" ] && break
    sleep 0.1
done
busy=$(head -n1 "$work/busy-port")
"$binary" --listen "127.0.0.1:$port" --store "$work/store" >"$work/app4.log" 2>&1 &
app_pid=$!
for _ in $(seq 100); do
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break
    sleep 0.1
done
sleep 2
# No window manager: give the window the keyboard focus directly.
xdotool search --sync --onlyvisible --name '^Letterbox' | head -n1 | xargs -r xdotool windowfocus --sync
xdotool key ctrl+comma
sleep 1
# Alt+L is the mnemonic of "Listen on:".
xdotool key alt+l ctrl+a
xdotool type --delay 20 "127.0.0.1:$busy"
sleep 2
import -window root "$out/letterbox-settings-port-in-use.png"

# Started on the port in use: nothing listens; the status bar says so and offers Start.
kill "$app_pid"; wait "$app_pid" 2>/dev/null || true
"$binary" --listen "127.0.0.1:$busy" --store "$work/store" >"$work/app5.log" 2>&1 &
app_pid=$!
sleep 4
import -window root "$out/letterbox-stopped.png"
kill "$squatter_pid" 2>/dev/null || true
echo "screenshots in $out:"
ls -1 "$out"
