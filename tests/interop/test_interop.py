#!/usr/bin/env python3
# SPDX-FileCopyrightText: 2026 The Letterbox developers
# SPDX-License-Identifier: MIT
"""Interop tests: the real letterbox binary against real SMTP clients (curl, swaks, smtplib).

Every test that sends mail checks the stored message byte for byte with `letterbox show --raw`:
the server prepends exactly one Received header, the rest must be what the client meant to send
(the client dot-stuffs on the wire, the server unstuffs).

LETTERBOX_BIN names the executable (CTest sets it); the default is build/bin/letterbox.
Only 127.0.0.1 is ever contacted.
"""

import base64
import email.message
import email.parser
import email.policy
import email.utils
import datetime
import json
import mailbox
import os
import queue
import random
import re
import select
import shutil
import signal
import smtplib
import socket
import ssl
import subprocess
import tempfile
import threading
import urllib.error
import urllib.request
import time
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
LETTERBOX = os.environ.get('LETTERBOX_BIN') or os.path.normpath(
    os.path.join(HERE, '..', '..', 'build', 'bin', 'letterbox'))
HOSTNAME = 'mx.letterbox.test'

STARTUP_TIMEOUT = 20.0   # seconds until both "listening" events must be there
EVENT_TIMEOUT = 20.0     # seconds to wait for any other event
CLIENT_TIMEOUT = 60.0    # seconds a client process may run
STOP_TIMEOUT = 20.0      # seconds from SIGTERM/SIGINT to exit

CHILD_ENV = dict(os.environ, QT_QPA_PLATFORM='offscreen', LC_ALL='C.UTF-8')

# Module-wide scratch directory with the test certificate, made once in setUpModule.
_module_dir = None
CERT = KEY = OTHER_KEY = None


def setUpModule():
    global _module_dir, CERT, KEY, OTHER_KEY
    if not os.access(LETTERBOX, os.X_OK):
        raise RuntimeError('letterbox binary not found or not executable: %s '
                           '(set LETTERBOX_BIN)' % LETTERBOX)
    if shutil.which('openssl') is None:
        raise RuntimeError('the openssl command line tool is needed to make the test certificate')
    _module_dir = tempfile.mkdtemp(prefix='letterbox-interop-')
    CERT = os.path.join(_module_dir, 'cert.pem')
    KEY = os.path.join(_module_dir, 'key.pem')
    OTHER_KEY = os.path.join(_module_dir, 'other-key.pem')
    subprocess.run(['openssl', 'req', '-x509', '-newkey', 'rsa:2048', '-nodes',
                    '-subj', '/CN=' + HOSTNAME,
                    '-addext', 'subjectAltName=DNS:%s,IP:127.0.0.1' % HOSTNAME,
                    '-days', '2', '-keyout', KEY, '-out', CERT],
                   check=True, capture_output=True, timeout=CLIENT_TIMEOUT)
    subprocess.run(['openssl', 'genpkey', '-algorithm', 'RSA',
                    '-pkeyopt', 'rsa_keygen_bits:2048', '-out', OTHER_KEY],
                   check=True, capture_output=True, timeout=CLIENT_TIMEOUT)


def tearDownModule():
    if _module_dir:
        shutil.rmtree(_module_dir, ignore_errors=True)


# ---------------------------------------------------------------------------------------------
# Helpers


def crlf(*lines):
    """The lines joined and terminated with CRLF, as bytes."""
    return b''.join((line.encode('utf-8') if isinstance(line, str) else line) + b'\r\n'
                    for line in lines)


def dot_stuff(data):
    """What a client puts on the wire for DATA content (RFC 5321 §4.5.2), without the
    terminating line."""
    return b'\r\n'.join(b'.' + line if line.startswith(b'.') else line
                        for line in data.split(b'\r\n'))


def dot_unstuff(wire):
    """The inverse of dot_stuff: what the server must store for the given wire content."""
    return b'\r\n'.join(line[1:] if line.startswith(b'.') else line
                        for line in wire.split(b'\r\n'))


def split_received(raw):
    """(received_header_bytes, rest): the first line must start with "Received: from ", the
    header continues over the following lines that start with a TAB."""
    if not raw.startswith(b'Received: from '):
        raise AssertionError('stored message does not start with a Received header: %r'
                             % raw[:200])
    end = raw.index(b'\r\n') + 2
    while raw.startswith(b'\t', end):
        end = raw.index(b'\r\n', end) + 2
    return raw[:end], raw[end:]


def unfold(header):
    return re.sub(rb'\r\n[ \t]+', b' ', header).rstrip(b'\r\n').decode('utf-8')


def sample_message(subject, extra_lines=()):
    """A small CRLF message whose body has the lines dot-stuffing must take care of."""
    return crlf('From: Alice <a@x.test>',
                'To: Bob <b@y.test>',
                'Subject: ' + subject,
                'Message-ID: <%s@x.test>' % re.sub(r'[^A-Za-z0-9.-]', '-', subject),
                'MIME-Version: 1.0',
                'Content-Type: text/plain; charset=us-ascii',
                '',
                'Hello Bob,',
                '.a line that starts with a dot',
                '..',
                '...three dots',
                '. ',
                'last line of ' + subject,
                *extra_lines)


def run(args, timeout=CLIENT_TIMEOUT, **kwargs):
    return subprocess.run(args, capture_output=True, timeout=timeout, env=CHILD_ENV, **kwargs)


def letterbox(*args, timeout=CLIENT_TIMEOUT):
    return run([LETTERBOX, *args], timeout=timeout)


def require_tool(name):
    path = shutil.which(name)
    if path is None:
        raise AssertionError('%s is not installed; the interop tests need it '
                             '(apt-get install %s)' % (name, name))
    return path


def insecure_context():
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    return context


class Server:
    """One headless letterbox process with its own store and Maildir."""

    def __init__(self, testcase, extra_args=(), tls=True, auth=True, events='json', store=None,
                 key=None, env=None):
        self.testcase = testcase
        self.dir = tempfile.mkdtemp(prefix='letterbox-server-')
        self.store = store or os.path.join(self.dir, 'store')
        self.maildir = os.path.join(self.dir, 'maildir')
        self.stderr_path = os.path.join(self.dir, 'stderr.txt')
        args = [LETTERBOX, '--headless', '--listen', '127.0.0.1:0',
                '--store', self.store, '--maildir', self.maildir,
                '--events', events, '--hostname', HOSTNAME]
        self.text_events = events == 'text'
        if tls:
            args += ['--tls-listen', '127.0.0.1:0', '--tls-cert', CERT, '--tls-key', key or KEY]
        if auth:
            args += ['--auth-user', 'alice:secret', '--allow-insecure-auth']
        # Each server gets an HTTP API on a port of its own, unless the test says otherwise:
        # the default port is one per machine.
        self.api = '--api-listen' not in extra_args
        if self.api:
            args += ['--api-listen', '127.0.0.1:0']
        args += list(extra_args)
        self.args = args
        self.events = []          # every event read so far, in order
        self.lines = queue.Queue()
        self.port = self.tls_port = self.api_port = None
        self.returncode = None
        with open(self.stderr_path, 'wb') as stderr:
            self.process = subprocess.Popen(args, stdin=subprocess.DEVNULL,
                                            stdout=subprocess.PIPE, stderr=stderr,
                                            env=env or CHILD_ENV)
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()
        try:
            smtp = self.wait_event(lambda e: e.get('event') == 'listening'
                                   and e.get('kind') == 'smtp', STARTUP_TIMEOUT)
            self.port = int(smtp['address'].rsplit(':', 1)[1])
            self.testcase.assertEqual(smtp['address'].rsplit(':', 1)[0], '127.0.0.1')
            if tls:
                smtps = self.wait_event(lambda e: e.get('event') == 'listening'
                                        and e.get('kind') == 'smtps', STARTUP_TIMEOUT)
                self.tls_port = int(smtps['address'].rsplit(':', 1)[1])
            if self.api:
                api = self.wait_event(lambda e: e.get('event') == 'listening'
                                      and e.get('kind') == 'api', STARTUP_TIMEOUT)
                self.api_port = int(api['address'].rsplit(':', 1)[1])
        except BaseException:
            self.kill()
            raise

    def _read(self):
        for line in self.process.stdout:
            self.lines.put(line)
        self.lines.put(None)

    def _parse(self, line):
        """An event line as a dict. With --events text, "listening on ADDR (KIND)" becomes a
        listening event and every other line {"event": "text", "line": LINE}."""
        if self.text_events:
            text = line.decode('utf-8').rstrip('\n')
            match = re.fullmatch(r'listening on (\S+) \((\w+)\)', text)
            if match:
                return {'event': 'listening', 'address': match.group(1), 'kind': match.group(2)}
            return {'event': 'text', 'line': text}
        try:
            event = json.loads(line)
        except ValueError:
            raise AssertionError('letterbox printed a line that is not JSON: %r%s'
                                 % (line, self._describe()))
        self.testcase.assertIsInstance(event, dict)
        self.testcase.assertIn('event', event)
        return event

    def stderr(self):
        with open(self.stderr_path, 'rb') as f:
            return f.read().decode('utf-8', 'replace')

    def _describe(self):
        return ('\n  command: %s\n  exit code: %s\n  events: %s\n  stderr: %s'
                % (' '.join(self.args), self.process.poll(),
                   '\n    '.join(json.dumps(e) for e in self.events), self.stderr()))

    def wait_event(self, predicate, timeout=EVENT_TIMEOUT):
        """The first event (already seen or still to come) that satisfies predicate."""
        for event in self.events:
            if predicate(event):
                return event
        deadline = time.monotonic() + timeout
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise AssertionError('timed out after %.0f s waiting for an event%s'
                                     % (timeout, self._describe()))
            try:
                line = self.lines.get(timeout=remaining)
            except queue.Empty:
                continue
            if line is None:
                self.lines.put(None)   # stay at end of stream for later waits
                raise AssertionError('letterbox ended its output while a test waited for an '
                                     'event%s' % self._describe())
            event = self._parse(line)
            self.events.append(event)
            if predicate(event):
                return event

    def wait_message(self, message_id, timeout=EVENT_TIMEOUT):
        return self.wait_event(lambda e: e.get('event') == 'message'
                               and e.get('id') == message_id, timeout)

    def stop(self, sig=signal.SIGTERM):
        """Signal the server and wait for it; returns the exit code."""
        if self.returncode is not None:
            return self.returncode
        self.process.send_signal(sig)
        try:
            self.returncode = self.process.wait(timeout=STOP_TIMEOUT)
        except subprocess.TimeoutExpired:
            self.kill()
            raise AssertionError('letterbox did not stop within %.0f s of %s%s'
                                 % (STOP_TIMEOUT, signal.Signals(sig).name, self._describe()))
        self.reader.join(timeout=STOP_TIMEOUT)
        # Drain the rest of the output into self.events.
        while True:
            line = self.lines.get()
            if line is None:
                break
            self.events.append(self._parse(line))
        self.process.stdout.close()
        return self.returncode

    def kill(self):
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()
        self.returncode = self.process.returncode
        if self.process.stdout:
            self.process.stdout.close()

    def cleanup(self):
        shutil.rmtree(self.dir, ignore_errors=True)

    # Store access through the command line, as a user would.

    def show_raw(self, message_id):
        result = letterbox('show', '--store', self.store, str(message_id), '--raw')
        self.testcase.assertEqual(result.returncode, 0,
                                  'letterbox show --raw %s failed: %s'
                                  % (message_id, result.stderr.decode('utf-8', 'replace')))
        return result.stdout

    def show_json(self, message_id):
        result = letterbox('show', '--store', self.store, str(message_id), '--json')
        self.testcase.assertEqual(result.returncode, 0, result.stderr)
        lines = result.stdout.decode('utf-8').splitlines()
        self.testcase.assertEqual(len(lines), 1, result.stdout)
        return json.loads(lines[0])

    def list_json(self):
        result = letterbox('list', '--store', self.store, '--json')
        self.testcase.assertEqual(result.returncode, 0, result.stderr)
        return [json.loads(line) for line in result.stdout.decode('utf-8').splitlines()]


class ServerTestCase(unittest.TestCase):
    """Each test gets a fresh server (so the first message is id 1) in setUp; tearDown stops it
    with SIGTERM and asserts exit code 0."""

    server_args = ()
    server_kwargs = {}
    maxDiff = 4000

    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix='letterbox-test-')
        self.addCleanup(shutil.rmtree, self.tmp, True)
        self.server = self.start_server(self.server_args, **self.server_kwargs)

    def start_server(self, extra_args=(), **kwargs):
        server = Server(self, extra_args, **kwargs)
        self.addCleanup(server.cleanup)
        self.addCleanup(self._stop_server, server)
        return server

    def _stop_server(self, server):
        if server.returncode is None and server.process.poll() is not None:
            self.fail('letterbox exited on its own with code %s; stderr: %s'
                      % (server.process.returncode, server.stderr()))
        code = server.stop()
        self.assertEqual(code, 0, 'letterbox exited with %s after SIGTERM; stderr: %s'
                         % (code, server.stderr()))

    def write_file(self, name, data):
        path = os.path.join(self.tmp, name)
        with open(path, 'wb') as f:
            f.write(data)
        return path

    # The central check.

    def check_stored(self, message_id, sent, keyword, recipients, server=None,
                     mail_from='a@x.test', tls=None, auth_user=None):
        """Waits for the message event, then checks the stored bytes and the Received header.

        sent: the message content as the client means it (before dot-stuffing).
        keyword: the expected "with" protocol keyword.
        recipients: the envelope recipients; with exactly one, the header says "for <rcpt>".
        """
        server = server or self.server
        event = server.wait_message(message_id)
        self.assertEqual(event['from'], mail_from)
        self.assertEqual(event['to'], list(recipients))
        self.assertEqual(event['remote'], '127.0.0.1')
        if tls is not None:
            self.assertIs(event['tls'], tls)
        self.assertEqual(event['auth_user'], auth_user)

        raw = server.show_raw(message_id)
        header, rest = split_received(raw)
        self.assertEqual(rest, sent, 'stored bytes differ from what the client sent')
        self.assertEqual(event['size'], len(raw))

        line = unfold(header)
        match = re.search(r'\bwith ([A-Za-z0-9]+)\b', line)
        self.assertIsNotNone(match, 'no "with" clause in ' + line)
        self.assertEqual(match.group(1), keyword, line)
        self.assertIn(' by %s ' % HOSTNAME, line)
        if len(recipients) == 1:
            self.assertRegex(line, r' for <%s>;' % re.escape(recipients[0]))
        else:
            self.assertNotIn(' for <', line)
        self.check_received_date(raw)

        info = server.show_json(message_id)
        self.assertEqual(info['id'], message_id)
        self.assertEqual(info['from'], mail_from)
        self.assertEqual(info['to'], list(recipients))
        self.assertEqual(info['size'], len(raw))
        self.assertEqual(info['remote'], '127.0.0.1')
        self.assertEqual(info['auth_user'], auth_user)
        if tls is not None:
            self.assertIs(info['tls'], tls)
        self.assertEqual(base64.b64decode(info['raw_base64']), raw)
        return raw, info

    def check_received_date(self, raw):
        """The Received header parses with Python's email package and its date is now-ish."""
        message = email.parser.BytesParser(policy=email.policy.default).parsebytes(raw)
        received = message.get_all('Received')
        self.assertTrue(received, 'email.parser finds no Received header')
        value = str(received[0])
        self.assertIn(';', value)
        when = email.utils.parsedate_to_datetime(value.rsplit(';', 1)[1].strip())
        self.assertIsNotNone(when.tzinfo)
        now = datetime.datetime.now(datetime.timezone.utc)
        self.assertLess(abs((now - when).total_seconds()), 600,
                        'Received date %s is far from now' % when)


# ---------------------------------------------------------------------------------------------
# curl


class CurlTests(ServerTestCase):

    def setUp(self):
        self.curl = require_tool('curl')
        super().setUp()

    def send(self, url, message, extra=()):
        path = self.write_file('message.eml', message)
        return run([self.curl, '-sS', '--max-time', '30', '--url', url,
                    '--mail-from', 'a@x.test', '--mail-rcpt', 'b@y.test',
                    '--upload-file', path, *extra])

    def assertCurlOk(self, result):
        self.assertEqual(result.returncode, 0, 'curl failed: %s'
                         % result.stderr.decode('utf-8', 'replace'))

    def test_plain(self):
        sent = sample_message('curl plain')
        result = self.send('smtp://127.0.0.1:%d' % self.server.port, sent)
        self.assertCurlOk(result)
        self.check_stored(1, sent, 'ESMTP', ['b@y.test'], tls=False)

    def test_helo_name_from_url(self):
        sent = sample_message('curl helo')
        result = self.send('smtp://127.0.0.1:%d/client.curl.test' % self.server.port, sent)
        self.assertCurlOk(result)
        raw, info = self.check_stored(1, sent, 'ESMTP', ['b@y.test'], tls=False)
        self.assertEqual(info['helo'], 'client.curl.test')
        self.assertTrue(raw.startswith(b'Received: from client.curl.test ([127.0.0.1])\r\n'),
                        raw[:100])

    def test_starttls(self):
        sent = sample_message('curl starttls')
        result = self.send('smtp://127.0.0.1:%d' % self.server.port, sent,
                           ['--ssl-reqd', '-k'])
        self.assertCurlOk(result)
        self.check_stored(1, sent, 'ESMTPS', ['b@y.test'], tls=True)

    def test_implicit_tls(self):
        sent = sample_message('curl smtps')
        result = self.send('smtps://127.0.0.1:%d' % self.server.tls_port, sent, ['-k'])
        self.assertCurlOk(result)
        self.check_stored(1, sent, 'ESMTPS', ['b@y.test'], tls=True)
        start = self.server.wait_event(lambda e: e['event'] == 'session_start')
        self.assertIs(start['implicit_tls'], True)

    def test_auth_over_starttls(self):
        sent = sample_message('curl auth')
        result = self.send('smtp://127.0.0.1:%d' % self.server.port, sent,
                           ['--ssl-reqd', '-k', '--user', 'alice:secret'])
        self.assertCurlOk(result)
        auth = self.server.wait_event(lambda e: e['event'] == 'auth')
        self.assertIs(auth['success'], True)
        self.assertEqual(auth['user'], 'alice')
        self.check_stored(1, sent, 'ESMTPSA', ['b@y.test'], tls=True, auth_user='alice')

    def test_auth_wrong_password(self):
        sent = sample_message('curl bad auth')
        result = self.send('smtp://127.0.0.1:%d' % self.server.port, sent,
                           ['--ssl-reqd', '-k', '--user', 'alice:wrong'])
        self.assertNotEqual(result.returncode, 0, 'curl succeeded with a wrong password')
        auth = self.server.wait_event(lambda e: e['event'] == 'auth')
        self.assertIs(auth['success'], False)
        self.assertEqual(auth['user'], 'alice')
        self.server.wait_event(lambda e: e['event'] == 'session_end')
        self.assertEqual([e for e in self.server.events if e['event'] == 'message'], [])
        self.assertEqual(self.server.list_json(), [])


# ---------------------------------------------------------------------------------------------
# swaks


class SwaksTests(ServerTestCase):

    def setUp(self):
        self.swaks = require_tool('swaks')
        super().setUp()

    @staticmethod
    def content_on_wire(data):
        """What swaks (20201014) makes of --data: it drops a trailing "." line, dot-stuffs,
        turns bare LF into CRLF and then always sends CRLF "." CRLF; so a file that ends with
        CRLF arrives with one empty line more. Returns the content as the server must store
        it (unstuffed)."""
        data = re.sub(rb'\r?\n\.\r?\n?$', b'', data, flags=re.S)
        data = re.sub(rb'\n\.', b'\n..', data)
        data = re.sub(rb'(?<!\r)\n', b'\r\n', data)
        return dot_unstuff(data) + b'\r\n'

    def send(self, port, message, extra=()):
        self.assertNotIn(b'%', message)     # swaks would expand %TOKENS%
        path = self.write_file('message.eml', message)
        result = run([self.swaks, '--server', '127.0.0.1:%d' % port, '--timeout', '30',
                      '--helo', 'client.swaks.test',
                      '--to', 'b@y.test', '--from', 'a@x.test', '--data', '@' + path, *extra])
        output = result.stdout.decode('utf-8', 'replace')
        self.assertEqual(result.returncode, 0, 'swaks failed (%d):\n%s%s'
                         % (result.returncode, output,
                            result.stderr.decode('utf-8', 'replace')))
        match = re.search(r'^<[-~] +250 [0-9.]+ .*queued as (\d+)\s*$', output, re.M)
        self.assertIsNotNone(match, 'no "250 ... queued as" after DATA in swaks output:\n'
                             + output)
        return int(match.group(1)), output

    def test_plain(self):
        sent = sample_message('swaks plain')
        message_id, _ = self.send(self.server.port, sent)
        self.assertEqual(message_id, 1)
        self.assertEqual(self.content_on_wire(sent), sent + b'\r\n')
        raw, info = self.check_stored(message_id, self.content_on_wire(sent), 'ESMTP',
                                      ['b@y.test'], tls=False)
        self.assertEqual(info['helo'], 'client.swaks.test')

    def test_starttls(self):
        sent = sample_message('swaks starttls')
        message_id, output = self.send(self.server.port, sent, ['-tls'])
        self.assertIn('STARTTLS', output)
        self.check_stored(message_id, self.content_on_wire(sent), 'ESMTPS', ['b@y.test'],
                          tls=True)

    def test_tls_on_connect(self):
        sent = sample_message('swaks tls on connect')
        message_id, _ = self.send(self.server.tls_port, sent, ['--tls-on-connect'])
        self.check_stored(message_id, self.content_on_wire(sent), 'ESMTPS', ['b@y.test'],
                          tls=True)

    def test_auth_cram_md5(self):
        sent = sample_message('swaks cram-md5')
        message_id, _ = self.send(self.server.port, sent,
                                  ['--auth', 'CRAM-MD5', '--auth-user', 'alice',
                                   '--auth-password', 'secret'])
        auth = self.server.wait_event(lambda e: e['event'] == 'auth')
        self.assertEqual((auth['mechanism'], auth['user'], auth['success']),
                         ('CRAM-MD5', 'alice', True))
        self.check_stored(message_id, self.content_on_wire(sent), 'ESMTPA', ['b@y.test'],
                          tls=False, auth_user='alice')

    def test_auth_login_after_starttls(self):
        sent = sample_message('swaks login')
        message_id, _ = self.send(self.server.port, sent,
                                  ['-tls', '--auth', 'LOGIN', '--auth-user', 'alice',
                                   '--auth-password', 'secret'])
        auth = self.server.wait_event(lambda e: e['event'] == 'auth')
        self.assertEqual((auth['mechanism'], auth['user'], auth['success']),
                         ('LOGIN', 'alice', True))
        self.check_stored(message_id, self.content_on_wire(sent), 'ESMTPSA', ['b@y.test'],
                          tls=True, auth_user='alice')


# ---------------------------------------------------------------------------------------------
# smtplib


class RecordingSMTP(smtplib.SMTP):
    """Remembers the bytes smtplib hands to DATA, so send_message can be checked exactly."""
    sent_data = None

    def data(self, msg):
        self.sent_data = msg
        return super().data(msg)


class RecordingSMTP_SSL(smtplib.SMTP_SSL):
    sent_data = None

    def data(self, msg):
        self.sent_data = msg
        return super().data(msg)


def queued_id(reply):
    code, text = reply
    match = re.search(rb'queued as (\d+)', text)
    if code != 250 or not match:
        raise AssertionError('unexpected DATA reply %r' % (reply,))
    return int(match.group(1))


class SmtplibTests(ServerTestCase):

    def connect(self, cls=smtplib.SMTP):
        client = cls('127.0.0.1', self.server.port, local_hostname='client.smtplib.test',
                     timeout=30)
        self.addCleanup(client.close)
        return client

    def connect_ssl(self, cls=smtplib.SMTP_SSL):
        client = cls('127.0.0.1', self.server.tls_port, local_hostname='client.smtplib.test',
                     timeout=30, context=insecure_context())
        self.addCleanup(client.close)
        return client

    def test_starttls_login_three_recipients(self):
        recipients = ['b@y.test', 'c@y.test', 'd@z.test']
        sent = sample_message('smtplib three')
        client = self.connect()
        client.ehlo()
        self.assertTrue(client.has_extn('starttls'))
        client.starttls(context=insecure_context())
        client.ehlo()
        self.assertIn('PLAIN', client.esmtp_features.get('auth', '').upper())
        client.login('alice', 'secret')
        self.assertEqual(client.sendmail('a@x.test', recipients, sent), {})
        client.quit()
        raw, info = self.check_stored(1, sent, 'ESMTPSA', recipients, tls=True,
                                      auth_user='alice')
        self.assertEqual(info['to'], recipients)
        self.assertEqual(info['helo'], 'client.smtplib.test')
        self.assertNotIn(b' for <', split_received(raw)[0])

    def test_login_wrong_password(self):
        client = self.connect()
        client.starttls(context=insecure_context())
        with self.assertRaises(smtplib.SMTPAuthenticationError) as caught:
            client.login('alice', 'not-the-password')
        self.assertEqual(caught.exception.smtp_code, 535)
        auth = self.server.wait_event(lambda e: e['event'] == 'auth')
        self.assertIs(auth['success'], False)
        client.quit()

    def test_smtp_ssl(self):
        sent = sample_message('smtplib ssl')
        client = self.connect_ssl()
        client.ehlo()
        client.mail('a@x.test')
        client.rcpt('b@y.test')
        message_id = queued_id(client.data(sent))
        client.quit()
        self.check_stored(message_id, sent, 'ESMTPS', ['b@y.test'], tls=True)

    def test_smtp_ssl_login(self):
        sent = sample_message('smtplib ssl login')
        client = self.connect_ssl()
        client.login('alice', 'secret')
        client.sendmail('a@x.test', ['b@y.test'], sent)
        client.quit()
        self.check_stored(1, sent, 'ESMTPSA', ['b@y.test'], tls=True, auth_user='alice')

    def utf8_message(self):
        message = email.message.EmailMessage(policy=email.policy.SMTPUTF8)
        message['From'] = 'Jürgen <jürgen@x.test>'
        message['To'] = 'Zoë <zoë@bücher.test>'
        message['Subject'] = 'Grüße aus Köln ✉'
        message['Message-ID'] = '<utf8.1@x.test>'
        message.set_content('Hallo Zoë,\n.ein Punkt am Zeilenanfang\n..\nGrüße\n')
        return message

    def check_utf8(self, client, keyword, tls):
        message = self.utf8_message()
        self.assertTrue(client.has_extn('smtputf8'))
        refused = client.send_message(message, mail_options=['SMTPUTF8'])
        self.assertEqual(refused, {})
        sent = client.sent_data
        client.quit()
        self.assertIsInstance(sent, bytes)
        self.assertTrue(sent.endswith(b'\r\n'))
        self.assertIn('Grüße aus Köln'.encode('utf-8'), sent)   # really 8-bit on the wire
        raw, info = self.check_stored(1, sent, keyword, ['zoë@bücher.test'],
                                      mail_from='jürgen@x.test', tls=tls)
        self.assertEqual(info['subject'], 'Grüße aus Köln ✉')

    def test_smtputf8_plain(self):
        client = self.connect(RecordingSMTP)
        client.ehlo()
        self.check_utf8(client, 'UTF8SMTP', tls=False)

    def test_smtputf8_tls(self):
        client = self.connect_ssl(RecordingSMTP_SSL)
        client.ehlo()
        self.check_utf8(client, 'UTF8SMTPS', tls=True)

    def test_non_ascii_address_without_smtputf8_refused(self):
        client = self.connect()
        client.ehlo()
        client.command_encoding = 'utf-8'
        code, _ = client.mail('jürgen@x.test')
        self.assertEqual(code, 553)
        client.quit()

    def test_three_mib_message(self):
        rng = random.Random(20260101)
        alphabet = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 .,;:-'
        lines = ['From: a@x.test', 'To: b@y.test', 'Subject: three MiB', '']
        size = sum(len(line) + 2 for line in lines)
        while size < 3 * 1024 * 1024:
            line = ''.join(rng.choice(alphabet) for _ in range(rng.randint(0, 998)))
            if rng.random() < 0.05:
                line = '.' + line[:997]
            lines.append(line)
            size += len(line) + 2
        sent = crlf(*lines)
        self.assertGreaterEqual(len(sent), 3 * 1024 * 1024)
        client = self.connect()
        client.ehlo()
        client.mail('a@x.test')
        client.rcpt('b@y.test')
        message_id = queued_id(client.data(sent))
        client.quit()
        self.check_stored(message_id, sent, 'ESMTP', ['b@y.test'], tls=False)

    def test_several_messages_in_one_session(self):
        client = self.connect()
        client.ehlo()
        sent = [sample_message('session message %d' % n) for n in range(1, 4)]
        ids = []
        for n, message in enumerate(sent):
            client.mail('a@x.test')
            client.rcpt('b@y.test')
            ids.append(queued_id(client.data(message)))
            client.rset()
        client.quit()
        self.assertEqual(ids, [1, 2, 3])
        for message_id, message in zip(ids, sent):
            self.check_stored(message_id, message, 'ESMTP', ['b@y.test'], tls=False)
        end = self.server.wait_event(lambda e: e['event'] == 'session_end')
        self.assertEqual(end['messages'], 3)


class SizeLimitTests(ServerTestCase):
    server_args = ('--max-size', '1000')

    def test_size_parameter_over_limit(self):
        client = smtplib.SMTP('127.0.0.1', self.server.port, timeout=30)
        self.addCleanup(client.close)
        client.ehlo()
        self.assertEqual(client.esmtp_features.get('size'), '1000')
        big = crlf('Subject: too big', '', *(['x' * 70] * 40))
        with self.assertRaises((smtplib.SMTPSenderRefused, smtplib.SMTPDataError)) as caught:
            client.sendmail('a@x.test', ['b@y.test'], big)
        self.assertEqual(caught.exception.smtp_code, 552)
        client.quit()
        self.server.wait_event(lambda e: e['event'] == 'session_end')
        self.assertEqual(self.server.list_json(), [])

    def test_data_over_limit_without_size_parameter(self):
        client = smtplib.SMTP('127.0.0.1', self.server.port, timeout=30)
        self.addCleanup(client.close)
        client.ehlo()
        self.assertEqual(client.mail('a@x.test')[0], 250)
        self.assertEqual(client.rcpt('b@y.test')[0], 250)
        big = crlf('Subject: too big', '', *(['x' * 70] * 40))
        code, _ = client.data(big)
        self.assertEqual(code, 552)
        # The session goes on: a small message afterwards is accepted.
        small = sample_message('small after big')
        self.assertLess(len(small) + 300, 1000)
        client.mail('a@x.test')
        client.rcpt('b@y.test')
        message_id = queued_id(client.data(small))
        client.quit()
        self.assertEqual(message_id, 1)
        self.check_stored(message_id, small, 'ESMTP', ['b@y.test'])


# ---------------------------------------------------------------------------------------------
# Raw protocol: exact wire bytes, HELO, and the Maildir mirror


class RawSocketTests(ServerTestCase):

    def converse(self, commands):
        """Sends each command, returns the replies; a reply is complete at "NNN " + CRLF."""
        with socket.create_connection(('127.0.0.1', self.server.port), timeout=30) as sock:
            stream = sock.makefile('rb')
            replies = [self.read_reply(stream)]
            for command in commands:
                sock.sendall(command)
                replies.append(self.read_reply(stream))
            return replies

    @staticmethod
    def read_reply(stream):
        lines = []
        while True:
            line = stream.readline()
            if not line:
                raise AssertionError('connection closed; replies so far: %r' % lines)
            lines.append(line)
            if len(line) < 4 or line[3:4] != b'-':
                return b''.join(lines)

    def test_helo_dot_unstuffing_exact_bytes(self):
        content = crlf('Subject: raw', '', '.', '..', '...x', '.. y', 'a.b', '', '.')
        wire = dot_stuff(content[:-2]) + b'\r\n'
        self.assertEqual(dot_unstuff(wire[:-2]) + b'\r\n', content)
        replies = self.converse([b'HELO client.raw.test\r\n',
                                 b'MAIL FROM:<a@x.test>\r\n',
                                 b'RCPT TO:<b@y.test>\r\n',
                                 b'DATA\r\n',
                                 wire + b'.\r\n',
                                 b'QUIT\r\n'])
        self.assertTrue(replies[0].startswith(b'220 '), replies[0])
        self.assertIn(HOSTNAME.encode(), replies[0])
        self.assertTrue(replies[4].startswith(b'354'), replies)
        self.assertTrue(replies[5].startswith(b'250'), replies)
        self.assertTrue(replies[6].startswith(b'221'), replies)
        # HELO (not EHLO) gives plain "SMTP".
        self.check_stored(1, content, 'SMTP', ['b@y.test'], tls=False)

    def test_maildir_mirror_after_stop(self):
        content = sample_message('maildir')
        self.converse([b'EHLO client.raw.test\r\n', b'MAIL FROM:<a@x.test>\r\n',
                       b'RCPT TO:<b@y.test>\r\n', b'DATA\r\n',
                       dot_stuff(content[:-2]) + b'\r\n.\r\n', b'QUIT\r\n'])
        raw, _ = self.check_stored(1, content, 'ESMTP', ['b@y.test'], tls=False)
        self.assertEqual(self.server.stop(), 0)   # stop flushes the mirror
        new = os.path.join(self.server.maildir, 'new')
        files = os.listdir(new)
        self.assertEqual(len(files), 1, files)
        with open(os.path.join(new, files[0]), 'rb') as f:
            self.assertEqual(f.read(), raw)
        self.assertEqual(os.listdir(os.path.join(self.server.maildir, 'tmp')), [])
        self.assertEqual(os.listdir(os.path.join(self.server.maildir, 'cur')), [])
        # The store still answers after the server is gone.
        self.assertEqual(self.server.show_raw(1), raw)

    def test_maildir_mirror_while_running(self):
        content = sample_message('maildir running')
        self.converse([b'EHLO client.raw.test\r\n', b'MAIL FROM:<a@x.test>\r\n',
                       b'RCPT TO:<b@y.test>\r\n', b'DATA\r\n',
                       dot_stuff(content[:-2]) + b'\r\n.\r\n', b'QUIT\r\n'])
        raw, _ = self.check_stored(1, content, 'ESMTP', ['b@y.test'], tls=False)
        # No event tells when the mirror file is there: a bounded poll (10 s max).
        new = os.path.join(self.server.maildir, 'new')
        deadline = time.monotonic() + 10
        files = []
        while time.monotonic() < deadline:
            files = os.listdir(new) if os.path.isdir(new) else []
            if files:
                break
            time.sleep(0.05)
        self.assertEqual(len(files), 1, 'no Maildir file within 10 s')
        with open(os.path.join(new, files[0]), 'rb') as f:
            self.assertEqual(f.read(), raw)


# ---------------------------------------------------------------------------------------------
# list / show while the server runs


class StoreCommandTests(ServerTestCase):

    def test_list_while_running(self):
        client = smtplib.SMTP('127.0.0.1', self.server.port, timeout=30)
        self.addCleanup(client.close)
        subjects = ['first', 'second', 'third']
        for subject in subjects:
            client.sendmail('a@x.test', ['b@y.test', 'c@y.test'], crlf(
                'From: a@x.test', 'To: b@y.test', 'Subject: ' + subject, '', 'body'))
        client.quit()
        for message_id in (1, 2, 3):
            self.server.wait_message(message_id)
        self.assertIsNone(self.server.process.poll())

        result = letterbox('list', '--store', self.server.store)
        self.assertEqual(result.returncode, 0, result.stderr)
        lines = result.stdout.decode('utf-8').splitlines()
        self.assertEqual(len(lines), 3, lines)
        self.assertEqual([int(line.split(None, 1)[0]) for line in lines], [1, 2, 3])
        for line, subject in zip(lines, subjects):
            self.assertIn(subject, line)

        listed = self.server.list_json()
        self.assertEqual([entry['id'] for entry in listed], [1, 2, 3])
        for entry, subject in zip(listed, subjects):
            for key in ('id', 'received', 'from', 'to', 'subject', 'size'):
                self.assertIn(key, entry)
            self.assertEqual(entry['from'], 'a@x.test')
            self.assertEqual(entry['to'], ['b@y.test', 'c@y.test'])
            self.assertEqual(entry['subject'], subject)
            self.assertEqual(entry['size'], len(self.server.show_raw(entry['id'])))
            datetime.datetime.fromisoformat(entry['received'].replace('Z', '+00:00'))
        received = [entry['received'] for entry in listed]
        self.assertEqual(received, sorted(received))

        # QUERY filters.
        result = letterbox('list', '--store', self.server.store, '--json', 'second')
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual([json.loads(l)['id'] for l in result.stdout.decode().splitlines()], [2])

    def test_double_dash_ends_the_options(self):
        with smtplib.SMTP('127.0.0.1', self.server.port, timeout=30) as client:
            for subject in ('draft one', 'final two'):
                client.sendmail('a@x.test', ['b@y.test'], crlf(
                    'From: a@x.test', 'To: b@y.test', 'Subject: ' + subject, '', 'body'))
        self.server.wait_message(2)
        store = self.server.store

        def ids(result):
            self.assertEqual(result.returncode, 0, result.stderr)
            return [json.loads(line)['id'] for line in result.stdout.decode().splitlines()]

        # "-draft" is the query "NOT draft"; without "--" it reads as an option.
        for command in ('search', 'list'):
            result = letterbox(command, '--store', store, '--json', '-draft')
            self.assertEqual(result.returncode, 2, result.stdout)
            self.assertIn('%s -- -draft' % command, result.stderr.decode())
            self.assertEqual(ids(letterbox(command, '--store', store, '--json', '--', '-draft')),
                             [2])
            self.assertEqual(ids(letterbox(command, '--json', '--store', store, '--', 'two',
                                           '-draft')), [2])
        # Options still work before "--", and everything after it is text.
        self.assertEqual(ids(letterbox('search', '--store', store, '--json', '--', '--json')),
                         [])
        self.assertEqual(letterbox('show', '--store', store, '--raw', '--', '2').stdout,
                         self.server.show_raw(2))
        destination = os.path.join(self.tmp, 'out.mbox')
        result = letterbox('export', '--store', store, '--query=-draft', destination)
        self.assertEqual(result.returncode, 0, result.stderr)
        exported = mailbox.mbox(destination)
        self.assertEqual([message['Subject'] for message in exported], ['final two'])
        exported.close()

        self.assertEqual(self.server.stop(), 0, self.server.stderr())
        result = letterbox('delete', '--store', store, '--', '1')
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(ids(letterbox('list', '--store', store, '--json')), [2])

    def test_show_missing_id(self):
        result = letterbox('show', '--store', self.server.store, '4711', '--raw')
        self.assertNotEqual(result.returncode, 0)
        self.assertIn(b'4711', result.stderr)
        self.assertEqual(result.stdout, b'')

    def test_received_header_parses(self):
        sent = sample_message('received header')
        client = smtplib.SMTP('127.0.0.1', self.server.port, local_hostname='client.test',
                              timeout=30)
        self.addCleanup(client.close)
        client.sendmail('a@x.test', ['b@y.test'], sent)
        client.quit()
        raw, _ = self.check_stored(1, sent, 'ESMTP', ['b@y.test'], tls=False)
        message = email.parser.BytesParser(policy=email.policy.default).parsebytes(raw)
        received = message.get_all('Received')
        self.assertEqual(len(received), 1)
        value = str(received[0])
        self.assertTrue(value.startswith('from client.test ([127.0.0.1])'), value)
        self.assertIn('by %s' % HOSTNAME, value)
        date = email.utils.parsedate_to_datetime(value.rsplit(';', 1)[1].strip())
        event_time = datetime.datetime.fromisoformat(
            self.server.wait_message(1)['time'].replace('Z', '+00:00'))
        self.assertLessEqual(abs((event_time - date).total_seconds()), 2)
        self.assertEqual(message['Subject'], 'received header')


class PercentSignTests(ServerTestCase):
    """'%' is atext: addresses and subjects with "%1" must come out verbatim in the text
    events and in `letterbox list` (no QString::arg placeholder confusion)."""
    server_kwargs = {'events': 'text', 'tls': False, 'auth': False}

    def test_percent_in_addresses_and_subject(self):
        sender, recipient, subject = 'a%1x@x.test', 'b%2y@y.test', '50%5 off %6 %1'
        sent = crlf('Subject: ' + subject, '', 'body %3')
        with smtplib.SMTP('127.0.0.1', self.server.port, timeout=30) as client:
            client.sendmail(sender, [recipient], sent)
        event = self.server.wait_event(lambda e: 'message' in e.get('line', ''))
        raw = self.server.show_raw(1)
        self.assertEqual(split_received(raw)[1], sent)
        self.assertEqual(event['line'], 'session 1: message 1 from <%s> to %s, %d bytes: %s'
                         % (sender, recipient, len(raw), subject))

        result = letterbox('list', '--store', self.server.store)
        self.assertEqual(result.returncode, 0, result.stderr)
        lines = result.stdout.decode('utf-8').splitlines()
        self.assertEqual(len(lines), 1, lines)
        columns = lines[0].split('\t')
        self.assertEqual(len(columns), 6, 'list columns are not tab-separated: %r' % lines[0])
        self.assertEqual(columns[0], '1')
        self.assertEqual(columns[2:], [sender, recipient, subject, str(len(raw))])

        [entry] = self.server.list_json()
        self.assertEqual((entry['from'], entry['to'], entry['subject'], entry['size']),
                         (sender, [recipient], subject, len(raw)))


# ---------------------------------------------------------------------------------------------
# export / import, and retention


def mboxrd_quote(raw):
    """What an mboxrd writer makes of a message: one more '>' before every ^>*From  line."""
    return re.sub(rb'(?m)^(>*From )', rb'>\1', raw)


def poll(predicate, timeout=EVENT_TIMEOUT):
    """Calls predicate until it returns something true or the timeout passes; for state that
    only shows through the command line (no event announces it)."""
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value or time.monotonic() > deadline:
            return value
        time.sleep(0.05)


class ExchangeTests(ServerTestCase):
    server_kwargs = {'tls': False, 'auth': False}

    def send_swaks(self, subject, body):
        swaks = require_tool('swaks')
        result = run([swaks, '--server', '127.0.0.1:%d' % self.server.port, '--timeout', '30',
                      '--from', 'a@x.test', '--to', 'b@y.test',
                      '--header', 'Subject: ' + subject, '--body', body])
        self.assertEqual(result.returncode, 0, result.stdout + result.stderr)

    def import_into(self, store, *paths, expect=0):
        result = letterbox('import', '--store', store, *paths)
        self.assertEqual(result.returncode, expect,
                         'import: %s' % result.stderr.decode('utf-8', 'replace'))
        return result

    def test_swaks_export_mbox_import_identical(self):
        bodies = ['plain body', 'From the start of a line\n>From quoted\n>>From twice',
                  'Gr\u00fc\u00dfe \u2709 8-bit']
        for number, body in enumerate(bodies, 1):
            self.send_swaks('exchange %d' % number, body)
            self.server.wait_message(number)
        originals = [self.server.show_raw(number) for number in (1, 2, 3)]
        self.assertIn(b'\r\nFrom the start of a line\r\n>From quoted\r\n', originals[1])

        # While the server runs: export only reads.
        mbox = os.path.join(self.tmp, 'out.mbox')
        result = letterbox('export', '--store', self.server.store, '--format', 'mbox', '--all',
                           mbox)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(result.stdout, ('exported 3 messages to %s\n' % mbox).encode())
        self.assertEqual(result.stderr, b'')

        fresh = os.path.join(self.tmp, 'fresh')
        result = self.import_into(fresh, mbox)
        self.assertEqual(result.stdout, b'imported 3 messages from 1 source\n')
        for number, original in enumerate(originals, 1):
            copy = letterbox('show', '--store', fresh, str(number), '--raw')
            self.assertEqual(copy.returncode, 0, copy.stderr)
            self.assertEqual(copy.stdout, original, 'message %d differs after the trip' % number)
        listed = json.loads(letterbox('list', '--store', fresh, '--json').stdout.splitlines()[0])
        self.assertEqual(listed['from'], 'a@x.test')

        # Python's mailbox reads our mbox: the same messages, quoted the mboxrd way.
        box = mailbox.mbox(mbox, create=False)
        try:
            keys = box.keys()
            self.assertEqual(len(keys), 3)
            for key, original in zip(keys, originals):
                self.assertEqual(box.get_bytes(key), mboxrd_quote(original))
                self.assertTrue(box.get_message(key).get_from().startswith('a@x.test '))
        finally:
            box.close()

    def test_python_reads_our_maildir(self):
        for number in (1, 2):
            self.send_swaks('maildir %d' % number, 'body %d\nFrom inside' % number)
            self.server.wait_message(number)
        originals = {self.server.show_raw(number) for number in (1, 2)}
        maildir = os.path.join(self.tmp, 'export-maildir')
        result = letterbox('export', '--store', self.server.store, '--format', 'maildir',
                           '--query', 'subject:maildir', maildir)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(result.stdout, ('exported 2 messages to %s\n' % maildir).encode())
        box = mailbox.Maildir(maildir, factory=None, create=False)
        try:
            self.assertEqual({box.get_bytes(key) for key in box.keys()}, originals)
            self.assertEqual({box.get_message(key).get_subdir() for key in box.keys()}, {'new'})
        finally:
            box.close()
        # Exported into an existing Maildir without --format: more files, none replaced.
        result = letterbox('export', '--store', self.server.store, '1', maildir)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(len(os.listdir(os.path.join(maildir, 'new'))), 3)

        # And back in: the Maildir, and an .eml folder export of the same store.
        eml = os.path.join(self.tmp, 'eml')
        result = letterbox('export', '--store', self.server.store, '--all', eml)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(sorted(os.listdir(eml)), ['000001.eml', '000002.eml'])
        fresh = os.path.join(self.tmp, 'fresh')
        result = self.import_into(fresh, maildir, eml)
        self.assertEqual(result.stdout, b'imported 5 messages from 2 sources\n')

    def test_import_mbox_written_by_python(self):
        path = os.path.join(self.tmp, 'python.mbox')
        messages = [b'From: p@x.test\nTo: q@y.test\nSubject: python 1\n\nFrom the body\n'
                    b'>From already quoted by hand? no: mboxo leaves this\n',
                    b'From: p@x.test\nTo: q@y.test\nSubject: python 2\n\nno final newline']
        box = mailbox.mbox(path)
        try:
            for message in messages:
                box.add(message)
            box.flush()
        finally:
            box.close()
        fresh = os.path.join(self.tmp, 'fresh')
        self.import_into(fresh, path)
        # mboxo writes "From " as ">From " and leaves ">From " alone; reading both as mboxrd
        # gives "From " back for the first and takes one '>' from the second: the known
        # ambiguity of mboxo. The message without a final newline got one from Python.
        expected = [messages[0].replace(b'\n>From already', b'\nFrom already'),
                    messages[1] + b'\n']
        for number, data in enumerate(expected, 1):
            copy = letterbox('show', '--store', fresh, str(number), '--raw')
            self.assertEqual(copy.returncode, 0, copy.stderr)
            self.assertEqual(copy.stdout, data)

    def test_import_refused_while_server_holds_the_store(self):
        path = self.write_file('one.eml', crlf('Subject: one', '', 'x'))
        result = letterbox('import', '--store', self.server.store, path)
        self.assertEqual(result.returncode, 1, result.stderr)
        self.assertIn(b'stop the running Letterbox first', result.stderr)
        self.assertEqual(self.server.list_json(), [])

    def test_bad_entries_are_named_and_the_rest_imported(self):
        good = self.write_file('good.eml', crlf('Subject: good', '', 'x'))
        empty = self.write_file('empty.eml', b'')
        fresh = os.path.join(self.tmp, 'fresh')
        result = self.import_into(fresh, good, empty, os.path.join(self.tmp, 'missing'),
                                  expect=1)
        self.assertEqual(result.stdout, b'imported 1 message from 3 sources\n')
        lines = result.stderr.decode().splitlines()
        self.assertEqual(lines, ['letterbox: %s: empty file' % empty,
                                 'letterbox: %s: no such file or folder'
                                 % os.path.join(self.tmp, 'missing')])

    def test_sigint_cancels_an_import(self):
        path = os.path.join(self.tmp, 'big.mbox')
        with open(path, 'wb') as f:
            for number in range(40000):
                f.write(b'From s@x.test Sat Nov 28 04:43:40 2026\nFrom: s@x.test\n'
                        b'Subject: n %d\n\nbody\n\n' % number)
        fresh = os.path.join(self.tmp, 'fresh')
        process = subprocess.Popen([LETTERBOX, 'import', '--store', fresh, path],
                                   stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=CHILD_ENV)
        try:
            # Signal once the import is surely under way: something is committed.
            def committed():
                result = letterbox('list', '--store', fresh, '--limit', '1')
                return result.returncode == 0 and result.stdout.strip()
            self.assertTrue(poll(committed), 'the import never committed a message')
            process.send_signal(signal.SIGINT)
            stdout, stderr = process.communicate(timeout=STOP_TIMEOUT)
        finally:
            if process.poll() is None:
                process.kill()
                process.wait()
        self.assertEqual(process.returncode, 1, stderr)
        self.assertEqual(stderr, b'letterbox: cancelled; nothing imported\n')
        self.assertEqual(stdout, b'')
        result = letterbox('list', '--store', fresh)
        self.assertEqual((result.returncode, result.stdout), (0, b''))

    def test_export_and_import_arguments(self):
        store = self.server.store
        for args in (['export', '--store', store],
                     ['export', '--store', store, 'dest'],
                     ['export', '--store', store, '--all', '1', 'dest'],
                     ['export', '--store', store, '--all', '--query', 'x', 'dest'],
                     ['export', '--store', store, '--all', '--format', 'xml', 'dest'],
                     ['export', '--store', store, 'one', 'dest'],
                     ['export', '--store', store, '--query', '(unbalanced', 'dest'],
                     ['import', '--store', store],
                     ['list', '--store', store, '--format', 'mbox'],
                     ['--headless', '--retain-messages', '0'],
                     ['--headless', '--retain-days', 'x'],
                     ['--headless', '--tls-handshake-timeout', '0'],
                     ['list', '--retain-messages', '3']):
            result = letterbox(*args)
            self.assertEqual(result.returncode, 2, '%s: %s' % (args, result.stderr))
            self.assertEqual(len(result.stderr.decode().splitlines()), 1, result.stderr)
        self.assertFalse(os.path.exists('dest'))
        help_text = letterbox('--help').stdout
        for word in (b'letterbox export', b'letterbox import', b'--retain-messages',
                     b'--retain-days', b'--format'):
            self.assertIn(word, help_text)

    def test_retain_messages(self):
        server = self.start_server(['--retain-messages', '2'], tls=False, auth=False)
        with smtplib.SMTP('127.0.0.1', server.port, timeout=30) as client:
            for subject in ('one', 'two', 'three'):
                client.sendmail('a@x.test', ['b@y.test'], crlf('Subject: ' + subject, '', 'x'))
        server.wait_message(3)
        ids = poll(lambda: [e['id'] for e in server.list_json()] == [2, 3])
        self.assertTrue(ids, 'retention kept %s' % server.list_json())

    def test_retain_days_removes_old_imports(self):
        store = os.path.join(self.tmp, 'aged')
        now = datetime.datetime.now(datetime.timezone.utc)
        path = self.write_file('aged.mbox', b''.join(
            b'From a@x.test %s\nSubject: %s\n\nx\n\n'
            % (when.strftime('%a %b %d %H:%M:%S %Y').encode(), subject)
            for when, subject in ((now - datetime.timedelta(days=40), b'old'),
                                  (now - datetime.timedelta(days=1), b'recent'))))
        self.import_into(store, path)
        self.assertEqual(len(letterbox('list', '--store', store).stdout.splitlines()), 2)
        # The last --store wins; the Server helper lists the store it is told about.
        server = self.start_server(['--store', store, '--retain-days', '30'], tls=False,
                                   auth=False)
        server.store = store
        kept = poll(lambda: [e['subject'] for e in server.list_json()] == ['recent'])
        self.assertTrue(kept, 'retention kept %s' % server.list_json())


# ---------------------------------------------------------------------------------------------
# Exit codes and configuration errors


class HostileInputTests(ServerTestCase):
    """Random, mostly malformed sessions (fixed seed, so a failure repeats): every connection
    ends, the server keeps serving, and SIGTERM still ends it with exit code 0 (tearDown)."""

    server_args = ('--timeout', '5', '--max-size', '100000',
                   '--auth-mechanisms', 'PLAIN,LOGIN,CRAM-MD5')
    SESSIONS = 240
    VERBS = (b'HELO', b'EHLO', b'MAIL FROM:', b'RCPT TO:', b'DATA', b'RSET', b'NOOP', b'QUIT',
             b'VRFY', b'EXPN', b'HELP', b'STARTTLS', b'AUTH PLAIN', b'AUTH LOGIN',
             b'AUTH CRAM-MD5', b'BDAT', b'\x00', b'.', b'')

    def hostile_line(self, rnd):
        junk = lambda n: bytes(rnd.getrandbits(8) for _ in range(n))
        verb = rnd.choice(self.VERBS)
        if verb in (b'MAIL FROM:', b'RCPT TO:'):
            argument = rnd.choice([b'<a@b.test>', b'<>', b'<"q u"@x>', b'<@r1,@r2:u@d>',
                                   b'<u@[IPv6:::1]>', b'<' + junk(rnd.randint(0, 40)) + b'>',
                                   b'no-brackets', b'<\xc3\xa9@x.test> SMTPUTF8',
                                   b'<a@b> SIZE=99999999999', b'<a@b> X=' + b'y' * 3000])
        elif verb.startswith(b'AUTH'):
            argument = rnd.choice([b'', b' ' + base64.b64encode(junk(rnd.randint(0, 300))),
                                   b' =', b' *'])
        else:
            argument = rnd.choice([b'', b' x', b' ' + junk(rnd.randint(0, 100)),
                                   b' ' + b'A' * rnd.randint(400, 20000)])
        ending = rnd.choice([b'\r\n'] * 8 + [b'\n', b'\r', b'', b'\r\r\n'])
        return verb + argument + ending

    def hostile_session(self, rnd):
        with socket.create_connection(('127.0.0.1', self.server.port), timeout=30) as sock:
            sock.settimeout(0.2)
            try:
                for _ in range(rnd.randint(1, 40)):
                    if rnd.random() < 0.15:
                        body = bytes(rnd.getrandbits(8) for _ in range(rnd.randint(0, 5000)))
                        sock.sendall(b'MAIL FROM:<a@b>\r\nRCPT TO:<c@d>\r\nDATA\r\n'
                                     + body.replace(b'\r\n.\r\n', b'')
                                     + rnd.choice([b'\r\n.\r\n', b'\n.\n', b'\r.\r', b'']))
                    else:
                        sock.sendall(self.hostile_line(rnd))
                    if rnd.random() < 0.3:
                        try:
                            sock.recv(65536)
                        except socket.timeout:
                            pass
                    if rnd.random() < 0.03:
                        break
            except (ConnectionResetError, BrokenPipeError, socket.timeout):
                # The server closed on us (421 after too many errors), or stopped reading while
                # it closes: expected.
                pass

    def test_random_hostile_sessions_leave_the_server_serving(self):
        rnd = random.Random(20261204)
        for _ in range(self.SESSIONS):
            self.hostile_session(rnd)
        with smtplib.SMTP('127.0.0.1', self.server.port, timeout=CLIENT_TIMEOUT) as smtp:
            code, _ = smtp.ehlo('after.hostile.test')
            self.assertEqual(code, 250)
            smtp.sendmail('a@x.test', ['b@y.test'], b'Subject: after\r\n\r\nstill serving\r\n')
        # Every hostile session has ended: nothing hangs on to a connection.
        ended = lambda: sum(1 for e in self.server.events if e.get('event') == 'session_end')
        self.server.wait_event(lambda e: e.get('event') == 'session_end'
                               and ended() >= self.SESSIONS + 1, timeout=EVENT_TIMEOUT)


class ResourceBoundTests(ServerTestCase):
    """The real binary's memory under clients that never read, and its replies to messages
    built to be expensive to analyse."""

    server_args = ('--timeout', '10')

    def rss_kib(self):
        with open('/proc/%d/status' % self.server.process.pid) as status:
            for line in status:
                if line.startswith('VmRSS:'):
                    return int(line.split()[1])
        self.fail('no VmRSS')

    @unittest.skipIf('ASAN_OPTIONS' in os.environ,
                     "AddressSanitizer's quarantine holds freed memory: RSS says nothing here")
    def test_pipelining_without_reading_keeps_memory_bounded(self):
        # 64 MiB of EHLO took the server from 50 to 974 MiB before it stopped reading clients
        # whose replies pile up.
        start = self.rss_kib()
        chunk = b'EHLO x\r\n' * 8192
        with socket.create_connection(('127.0.0.1', self.server.port), timeout=30) as sock:
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
            sock.settimeout(0.5)
            sent = 0
            peak = start
            deadline = time.monotonic() + 60
            while sent < 64 * 1024 * 1024 and time.monotonic() < deadline:
                try:
                    sent += sock.send(chunk)
                except socket.timeout:
                    # The server has stopped reading us: the kernel buffers are full.
                    peak = max(peak, self.rss_kib())
                    if time.monotonic() > deadline - 55:
                        break
                peak = max(peak, self.rss_kib())
        grown_mib = (peak - start) / 1024
        self.assertLess(grown_mib, 60, 'server grew by %.0f MiB while a client sent %.0f MiB '
                        'without reading' % (grown_mib, sent / 2**20))
        # And it still serves.
        with smtplib.SMTP('127.0.0.1', self.server.port, timeout=CLIENT_TIMEOUT) as smtp:
            self.assertEqual(smtp.noop()[0], 250)

    def test_message_with_many_cid_references_is_answered_and_flagged(self):
        body = ''.join('<img src="cid:i%d">\r\n' % i for i in range(80000))
        message = ('From: a@x.test\r\nTo: b@y.test\r\nSubject: images\r\n'
                   'MIME-Version: 1.0\r\nContent-Type: text/html\r\n\r\n<html>\r\n'
                   + body).encode()
        # Another client is greeted while the message is analysed.
        with smtplib.SMTP('127.0.0.1', self.server.port, timeout=CLIENT_TIMEOUT) as smtp:
            smtp.sendmail('a@x.test', ['b@y.test'], message)
        with smtplib.SMTP('127.0.0.1', self.server.port, timeout=CLIENT_TIMEOUT) as smtp:
            self.assertEqual(smtp.noop()[0], 250)
        self.server.wait_event(lambda e: e.get('event') == 'message', EVENT_TIMEOUT)
        findings = self.server.show_json(1)['findings']
        codes = [f['code'] for f in findings]
        self.assertIn('analysis-limited', codes)
        self.assertIn('missing-cid', codes)
        limited = next(f for f in findings if f['code'] == 'analysis-limited')
        self.assertIn('analysis stopped after 10000 distinct cid: references', limited['message'])


class ApiTests(ServerTestCase):
    """The HTTP API (Mailpit API v1) of the real headless binary, with urllib and curl."""

    server_kwargs = {'tls': False, 'auth': False}

    def api(self, method, path, body=None, auth=None, port=None):
        """(status, headers, body bytes) of one request to the API."""
        url = 'http://127.0.0.1:%d%s' % (port or self.server.api_port, path)
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(url, data=data, method=method)
        if auth:
            request.add_header('Authorization',
                               'Basic ' + base64.b64encode(auth.encode()).decode())
        try:
            with urllib.request.urlopen(request, timeout=CLIENT_TIMEOUT) as response:
                return response.status, response.headers, response.read()
        except urllib.error.HTTPError as error:
            return error.code, error.headers, error.read()

    def deliver(self, subject, to='b@y.test', bcc=(), server=None):
        sent = sample_message(subject)
        port = (server or self.server).port
        with smtplib.SMTP('127.0.0.1', port, timeout=CLIENT_TIMEOUT) as smtp:
            smtp.sendmail('a@x.test', [to, *bcc], sent)
        return sent

    def test_list_summary_raw_and_read_status(self):
        first = self.deliver('api one')
        self.deliver('api two', bcc=['hidden@y.test'])
        self.server.wait_message(2)
        status, headers, body = self.api('GET', '/api/v1/messages?limit=1')
        self.assertEqual(status, 200)
        self.assertEqual(headers['Content-Type'], 'application/json')
        listing = json.loads(body)
        self.assertEqual((listing['total'], listing['unread'], listing['count'],
                          listing['start'], listing['tags']), (2, 2, 1, 0, []))
        self.assertEqual(listing['messages'][0]['ID'], '2')
        self.assertEqual(listing['messages'][0]['Subject'], 'api two')

        status, _, body = self.api('GET', '/api/v1/message/latest')
        self.assertEqual(status, 200)
        summary = json.loads(body)
        self.assertEqual(summary['Bcc'], [{'Name': '', 'Address': 'hidden@y.test'}])
        self.assertEqual(json.loads(self.api('GET', '/api/v1/messages')[2])['unread'], 1)

        status, _, raw = self.api('GET', '/api/v1/message/1/raw')
        self.assertEqual(status, 200)
        self.assertIn(first.replace(b'\r\n', b'\n').split(b'\n\n', 1)[1].strip(),
                      raw.replace(b'\r\n', b'\n'))

        self.assertEqual(self.api('PUT', '/api/v1/messages', {'Read': True})[0], 200)
        self.assertEqual(json.loads(self.api('GET', '/api/v1/messages')[2])['unread'], 0)

    def test_errors_and_delete_with_curl(self):
        curl = require_tool('curl')
        self.deliver('api curl')
        self.server.wait_message(1)
        base = 'http://127.0.0.1:%d' % self.server.api_port

        def status(*args):
            result = run([curl, '-sS', '-o', '/dev/null', '-w', '%{http_code}',
                          '--max-time', '30', *args])
            self.assertEqual(result.returncode, 0, result.stderr)
            return result.stdout.decode().strip()

        self.assertEqual(status(base + '/api/v1/message/99'), '404')
        self.assertEqual(status(base + '/api/v1/message/x'), '400')
        self.assertEqual(status(base + '/api/v1/nope'), '404')
        self.assertEqual(status('-X', 'POST', base + '/api/v1/messages'), '405')
        self.assertEqual(status('-X', 'PUT', '--data', '{bad', base + '/api/v1/messages'), '400')
        self.assertEqual(status(base + '/livez'), '200')
        self.assertEqual(status('-X', 'DELETE', base + '/api/v1/messages'), '200')
        self.assertEqual(json.loads(self.api('GET', '/api/v1/messages')[2])['total'], 0)

    def test_basic_auth(self):
        server = self.start_server(['--api-listen', '127.0.0.1:0', '--api-auth', 'ann:pw'],
                                   tls=False, auth=False)
        api = server.wait_event(lambda e: e.get('event') == 'listening'
                                and e.get('kind') == 'api')
        port = int(api['address'].rsplit(':', 1)[1])
        self.assertEqual(self.api('GET', '/api/v1/info', port=port)[0], 401)
        self.assertEqual(self.api('GET', '/api/v1/info', auth='ann:no', port=port)[0], 401)
        self.assertEqual(self.api('GET', '/api/v1/info', auth='ann:pw', port=port)[0], 200)

    def test_busy_address_given_exits_2(self):
        with socket.socket() as taken:
            taken.bind(('127.0.0.1', 0))
            taken.listen()
            result = run([LETTERBOX, '--headless', '--listen', '127.0.0.1:0', '--store',
                          os.path.join(self.tmp, 'busy'), '--api-listen',
                          '127.0.0.1:%d' % taken.getsockname()[1]])
        self.assertEqual(result.returncode, 2, result.stderr)
        self.assertIn(b'--api-listen', result.stderr)

    def test_api_off(self):
        server = self.start_server(['--api-listen', 'off'], tls=False, auth=False)
        self.deliver('api off', server=server)
        server.wait_message(1)
        self.assertFalse(any(e.get('kind') == 'api' for e in server.events))


class CrashTests(unittest.TestCase):
    """Durability: 250 after DATA means committed. SIGKILL in the middle of a flood loses no
    acknowledged message and leaves no message half-stored; the store opens again."""

    SENDERS = 8
    ACKNOWLEDGED_BEFORE_KILL = 300

    @staticmethod
    def payload(sender, number):
        # Every 40th message is spooled to disk on the way (over 1 MiB), the rest stay in memory.
        lines = 30000 if number % 40 == 7 else 20
        body = b''.join(b'sender %d message %d line %d\r\n' % (sender, number, line)
                        for line in range(lines))
        return (b'Subject: crash test %d/%d\r\nFrom: s%d@x.test\r\nTo: r@x.test\r\n\r\n'
                % (sender, number, sender) + body)

    def test_sigkill_loses_nothing_acknowledged(self):
        server = Server(self, tls=False, auth=False)
        self.addCleanup(server.cleanup)
        self.addCleanup(server.kill)
        acknowledged = {}           # store id -> payload, for every 250 the clients saw
        sent = set()                # every payload a client began to send
        lock = threading.Lock()
        enough = threading.Event()
        stop = threading.Event()

        def send(sender):
            try:
                with smtplib.SMTP('127.0.0.1', server.port, timeout=CLIENT_TIMEOUT) as smtp:
                    smtp.ehlo('crash.test')
                    number = 0
                    while not stop.is_set():
                        message = self.payload(sender, number)
                        number += 1
                        with lock:
                            sent.add(message)
                        smtp.mail('s%d@x.test' % sender)
                        smtp.rcpt('r@x.test')
                        code, reply = smtp.data(message)
                        if code != 250:
                            return
                        match = re.search(rb'queued as (\d+)', reply)
                        with lock:
                            acknowledged[int(match.group(1))] = message
                            if len(acknowledged) >= self.ACKNOWLEDGED_BEFORE_KILL:
                                enough.set()
            except (OSError, smtplib.SMTPException):
                return  # the server died under this client: expected

        threads = [threading.Thread(target=send, args=(n,)) for n in range(self.SENDERS)]
        for thread in threads:
            thread.start()
        self.assertTrue(enough.wait(CLIENT_TIMEOUT), 'the flood never reached %d messages'
                        % self.ACKNOWLEDGED_BEFORE_KILL)
        server.process.send_signal(signal.SIGKILL)
        server.process.wait()
        stop.set()
        for thread in threads:
            thread.join(CLIENT_TIMEOUT)
            self.assertFalse(thread.is_alive())

        # Everything stored, in one go: .eml files named by id.
        exported = os.path.join(server.dir, 'exported')
        result = letterbox('export', '--store', server.store, '--format', 'eml', '--all', exported)
        self.assertEqual(result.returncode, 0, result.stderr)
        stored = {}
        for name in os.listdir(exported):
            with open(os.path.join(exported, name), 'rb') as f:
                stored[int(name.split('.')[0])] = split_received(f.read())[1]
        self.assertEqual(sorted(stored), sorted(entry['id'] for entry in server.list_json()))
        missing = sorted(set(acknowledged) - set(stored))
        self.assertEqual(missing, [], 'acknowledged with 250 but not in the store')
        for store_id, rest in stored.items():
            self.assertIn(rest, sent, 'message %d is not a whole message a client sent'
                          % store_id)
            if store_id in acknowledged:
                self.assertEqual(rest, acknowledged[store_id])
        stored_ids = set(stored)

        # The crashed process's lock is recognised as stale: a new server takes the store and
        # goes on numbering after what was stored.
        again = Server(self, tls=False, auth=False, store=server.store)
        self.addCleanup(again.cleanup)
        self.addCleanup(again.kill)
        with smtplib.SMTP('127.0.0.1', again.port, timeout=CLIENT_TIMEOUT) as smtp:
            smtp.ehlo('crash.test')
            smtp.mail('after@x.test')
            smtp.rcpt('r@x.test')
            code, reply = smtp.data(b'Subject: after the crash\r\n\r\nstill here\r\n')
        self.assertEqual(code, 250)
        new_id = int(re.search(rb'queued as (\d+)', reply).group(1))
        self.assertGreater(new_id, max(stored_ids))
        self.assertEqual(again.stop(), 0)


class ForgedEventLineTests(unittest.TestCase):
    """Client-controlled text (HELO name, AUTH user, envelope addresses, Subject) cannot forge
    event lines or reach the terminal as escape sequences in --events text; --events json
    carries the same values exactly."""

    HELO = 'evil.test\x1b]0;owned\x07'
    USER = 'x\r\nsession 99: forged\x1b[31m'
    # SMTPUTF8 lets a quoted local part hold spaces and any UTF-8: here NEL (a C1 control),
    # the line separator and a right-to-left override.
    MAIL_FROM = '"session 99: forged\u0085\u2028x\u202e"@x.test'
    RCPT = '"to\u2029\u2066me"@y.test'
    SUBJECT_WIRE = '=?utf-8?q?a=0D=0Asession_99:_forged=1B[31m?='
    SUBJECT = 'a\r\nsession 99: forged\x1b[31m'

    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix='letterbox-forged-')
        self.addCleanup(shutil.rmtree, self.tmp, True)

    def forging_session(self, events):
        server = Server(self, ['--auth-accept-any', '--allow-insecure-auth'], tls=False,
                        auth=False, events=events)
        self.addCleanup(server.cleanup)
        self.addCleanup(server.kill)
        with socket.create_connection(('127.0.0.1', server.port), timeout=30) as sock:
            reader = sock.makefile('rb')

            def command(line, expected):
                sock.sendall(line.encode('utf-8') + b'\r\n')
                while True:
                    reply = reader.readline()
                    self.assertTrue(reply, 'connection closed after %r' % line)
                    if reply[3:4] != b'-':
                        break
                self.assertEqual(reply[:3], expected, '%r: %r' % (line, reply))

            self.assertEqual(reader.readline()[:3], b'220')
            command('EHLO ' + self.HELO, b'250')
            plain = base64.b64encode(b'\0' + self.USER.encode('utf-8') + b'\0pw').decode()
            command('AUTH PLAIN ' + plain, b'235')
            command('MAIL FROM:<%s> SMTPUTF8' % self.MAIL_FROM, b'250')
            command('RCPT TO:<%s>' % self.RCPT, b'250')
            command('DATA', b'354')
            command('Subject: %s\r\nFrom: a@x.test\r\n\r\nbody\r\n.' % self.SUBJECT_WIRE, b'250')
            command('QUIT', b'221')
        server.wait_event(lambda e: e.get('event') == 'session_end'
                          or 'ended' in e.get('line', ''))
        self.assertEqual(server.stop(), 0, server.stderr())
        return server

    def test_text_events_cannot_be_forged(self):
        server = self.forging_session('text')
        lines = [event.get('line', '') for event in server.events
                 if event['event'] == 'text']
        # session start, AUTH, message, session end: one line each and nothing more.
        self.assertEqual(len(lines), 4, lines)
        for line in lines:
            self.assertRegex(line, r'^session 1: ')
            for character in ('\x1b', '\r', '\x07', '\x85', '\u2028', '\u2029', '\u202e',
                              '\u2066'):
                self.assertNotIn(character, line)
        self.assertIn(r'AUTH PLAIN as "x\x0d\x0asession 99: forged\x1b[31m" accepted', lines[1])
        self.assertIn(r'from <"session 99: forged\x85\u2028x\u202e"@x.test>', lines[2])
        self.assertIn(r'to "to\u2029\u2066me"@y.test', lines[2])
        self.assertTrue(lines[2].endswith(r': a\x0d\x0asession 99: forged\x1b[31m'), lines[2])

        # letterbox show: the lines above the stored message are just as clean.
        result = letterbox('show', '--store', server.store, '1')
        self.assertEqual(result.returncode, 0, result.stderr)
        head = result.stdout.split(b'\n\n', 1)[0].decode('utf-8').split('\n')
        self.assertRegex(head[0], r'^Message 1, received .* from 127\.0\.0\.1 '
                                  r'\(evil\.test\\x1b\]0;owned\\x07\), AUTH as x\\x0d')
        self.assertEqual(head[1], r'MAIL FROM: <"session 99: forged\x85\u2028x\u202e"@x.test> '
                                  'SMTPUTF8')
        self.assertEqual(head[2], r'RCPT TO:   <"to\u2029\u2066me"@y.test>')
        for line in head:
            self.assertFalse(set(line) & set('\x1b\r\x07\x85\u2028\u2029\u202e\u2066'), line)

    def test_text_event_fields_are_capped(self):
        server = Server(self, tls=False, auth=False, events='text')
        self.addCleanup(server.cleanup)
        self.addCleanup(server.kill)
        with smtplib.SMTP('127.0.0.1', server.port, timeout=30) as client:
            client.sendmail('a@x.test', ['r%d@y.test' % i for i in range(25)],
                            crlf('Subject: ' + 'S' * 900, '', 'body'))
        event = server.wait_event(lambda e: 'message' in e.get('line', ''))
        subject = event['line'].rsplit(': ', 1)[1]
        self.assertEqual(subject, 'S' * 199 + '\u2026')
        self.assertIn('r9@y.test, and 15 more, ', event['line'])
        self.assertNotIn('r10@y.test', event['line'])
        self.assertEqual(server.stop(), 0, server.stderr())

    def test_json_events_carry_the_values_exactly(self):
        server = self.forging_session('json')   # every line parsed as JSON on the way
        auth = [e for e in server.events if e['event'] == 'auth']
        messages = [e for e in server.events if e['event'] == 'message']
        ends = [e for e in server.events if e['event'] == 'session_end']
        self.assertEqual(len(auth), 1)
        self.assertEqual(len(messages), 1)
        self.assertEqual(len(ends), 1)
        self.assertEqual(auth[0]['user'], self.USER)
        self.assertEqual(messages[0]['from'], self.MAIL_FROM)
        self.assertEqual(messages[0]['to'], [self.RCPT])
        self.assertEqual(messages[0]['subject'], self.SUBJECT)
        self.assertEqual(messages[0]['auth_user'], self.USER)
        self.assertEqual(ends[0]['helo'], self.HELO)
        self.assertEqual(ends[0]['auth_user'], self.USER)


class BlockedStdoutTests(unittest.TestCase):
    """Headless event output never holds up the listener: with stdout a pipe nobody reads,
    new connections still get their greeting and SIGTERM still ends the process; events that
    do not fit are dropped, counted, and the count is reported once the reader is back."""

    # Sessions per flood: two text lines each, about 45 bytes a line, so 7000 sessions are
    # 14000 lines, more than the pipe (64 KiB, ~1500 lines) and the writer's queue (10000
    # lines) hold together.
    FLOOD_SESSIONS = 7000
    FLOOD_THREADS = 4
    GREETING_TIMEOUT = 10.0   # seconds a new connection may wait for its 220

    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix='letterbox-blocked-')
        self.addCleanup(shutil.rmtree, self.tmp, True)

    def start(self):
        self.stderr_path = os.path.join(self.tmp, 'stderr.txt')
        with open(self.stderr_path, 'wb') as stderr:
            process = subprocess.Popen(
                [LETTERBOX, '--headless', '--listen', '127.0.0.1:0',
                 '--store', os.path.join(self.tmp, 'store'), '--events', 'text'],
                stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=stderr, env=CHILD_ENV)
        self.addCleanup(self.kill, process)
        return process

    @staticmethod
    def kill(process):
        if process.poll() is None:
            process.kill()
            process.wait()
        process.stdout.close()

    def stderr(self):
        with open(self.stderr_path, 'rb') as f:
            return f.read().decode('utf-8', 'replace')

    @staticmethod
    def read_until(fd, pattern, timeout):
        """Reads stdout (a raw descriptor) until pattern matches what was read; returns it."""
        data = b''
        deadline = time.monotonic() + timeout
        while not re.search(pattern, data):
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise AssertionError('no %r on stdout within %.0f s; read %d bytes ending %r'
                                     % (pattern, timeout, len(data), data[-300:]))
            ready, _, _ = select.select([fd], [], [], remaining)
            if ready:
                chunk = os.read(fd, 65536)
                if not chunk:
                    raise AssertionError('stdout ended while waiting for %r' % pattern)
                data += chunk
        return data

    def greeting(self, port):
        """The greeting of a new connection, within GREETING_TIMEOUT."""
        with socket.create_connection(('127.0.0.1', port), timeout=self.GREETING_TIMEOUT) as s:
            try:
                return s.recv(512)
            except socket.timeout:
                self.fail('a new connection got no greeting within %.0f s while stdout was '
                          'not being read' % self.GREETING_TIMEOUT)

    def flood(self, port):
        """FLOOD_SESSIONS connect/QUIT sessions from FLOOD_THREADS threads; each one must be
        answered within GREETING_TIMEOUT."""
        failures = []

        def sessions(count):
            try:
                for _ in range(count):
                    with socket.create_connection(('127.0.0.1', port),
                                                  timeout=self.GREETING_TIMEOUT) as s:
                        s.sendall(b'QUIT\r\n')
                        while s.recv(4096):
                            pass
            except OSError as e:   # socket.timeout included
                failures.append(e)

        threads = [threading.Thread(target=sessions,
                                    args=(self.FLOOD_SESSIONS // self.FLOOD_THREADS,))
                   for _ in range(self.FLOOD_THREADS)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        self.assertEqual(failures, [], 'flood sessions were not answered while stdout was '
                                       'not being read')

    def test_unread_stdout_does_not_stop_the_listener(self):
        process = self.start()
        fd = process.stdout.fileno()
        match = re.search(rb'listening on 127\.0\.0\.1:(\d+) \(smtp\)',
                          self.read_until(fd, rb'listening on \S+ \(smtp\)\n', STARTUP_TIMEOUT))
        port = int(match.group(1))

        # Nobody reads stdout now: the pipe fills, then the writer's queue.
        self.flood(port)
        self.assertTrue(self.greeting(port).startswith(b'220 '))

        # The reader is back: what was queued comes out, then the report of what was dropped.
        output = self.read_until(fd, rb'events: \d+ dropped \(stdout was not being read\)\n',
                                 EVENT_TIMEOUT)
        dropped = int(re.search(rb'events: (\d+) dropped', output).group(1))
        self.assertGreater(dropped, 0)
        lines = output.split(b'\n')
        self.assertTrue(all(line.startswith((b'session ', b'events: ', b'listening on '))
                            for line in lines[:-1]), 'a line was cut or mixed up')

        # And again, this time SIGTERM comes while stdout is still not being read.
        self.flood(port)
        self.assertTrue(self.greeting(port).startswith(b'220 '))
        process.send_signal(signal.SIGTERM)
        try:
            code = process.wait(timeout=STOP_TIMEOUT)
        except subprocess.TimeoutExpired:
            self.fail('letterbox did not stop within %.0f s of SIGTERM while stdout was not '
                      'being read' % STOP_TIMEOUT)
        self.assertEqual(code, 0, self.stderr())
        match = re.search(r'letterbox: (\d+) events? dropped \(stdout was not being read\)',
                          self.stderr())
        self.assertIsNotNone(match, self.stderr())
        self.assertGreater(int(match.group(1)), dropped)


class SecretFileTests(unittest.TestCase):
    """--auth-user-file and --tls-passphrase-file (and $LETTERBOX_TLS_PASSPHRASE) keep
    secrets off the command line, where `ps` shows them to every user of the machine."""

    PASSPHRASE = 'correct horse: battery staple'

    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix='letterbox-secrets-')
        self.addCleanup(shutil.rmtree, self.tmp, True)

    def write(self, name, data, mode=0o600):
        path = os.path.join(self.tmp, name)
        with open(path, 'wb') as f:
            f.write(data)
        os.chmod(path, mode)
        return path

    def server(self, args, **kwargs):
        server = Server(self, args, **kwargs)
        self.addCleanup(server.cleanup)
        self.addCleanup(server.kill)
        return server

    def headless(self, *args, env=None):
        argv = [LETTERBOX, '--headless', '--listen', '127.0.0.1:0',
                '--store', os.path.join(self.tmp, 'store'), '--events', 'json', *args]
        try:
            result = subprocess.run(argv, capture_output=True, timeout=STOP_TIMEOUT,
                                    env=env or CHILD_ENV)
        except subprocess.TimeoutExpired:
            self.fail('letterbox kept running although it should have refused: %s'
                      % ' '.join(argv))
        return result.returncode, result.stderr.decode('utf-8', 'replace')

    def login(self, port, user, password):
        """The reply code to AUTH PLAIN (RFC 4616: UTF-8, which smtplib.login() does not send)."""
        with smtplib.SMTP('127.0.0.1', port, timeout=30) as client:
            client.ehlo()
            response = base64.b64encode(('\0%s\0%s' % (user, password)).encode('utf-8'))
            return client.docmd('AUTH', 'PLAIN ' + response.decode('ascii'))[0]

    def test_auth_users_from_files_and_the_command_line(self):
        users = self.write('users', b'# test users\n\nbob:pa:ss\r\n  \n'
                                    b'carol:\xc3\xa9t\xc3\xa9\n#dave:nope\n')
        more = self.write('more-users', b'erin:e')
        server = self.server(['--auth-user-file', users, '--auth-user', 'alice:secret',
                              '--auth-user-file', more, '--allow-insecure-auth'],
                             tls=False, auth=False)
        self.assertEqual(self.login(server.port, 'bob', 'pa:ss'), 235)
        self.assertEqual(self.login(server.port, 'carol', '\u00e9t\u00e9'), 235)
        self.assertEqual(self.login(server.port, 'alice', 'secret'), 235)
        self.assertEqual(self.login(server.port, 'erin', 'e'), 235)
        self.assertEqual(self.login(server.port, 'bob', 'pa'), 535)
        self.assertEqual(self.login(server.port, '#dave', 'nope'), 535)
        self.assertEqual(server.stop(), 0, server.stderr())
        self.assertEqual(server.stderr(), '')

    def test_auth_user_file_problems(self):
        bad = self.write('bad-users', b'bob:x\n# fine\nno-colon-secret\n')
        code, stderr = self.headless('--auth-user-file', bad)
        self.assertEqual(code, 2, stderr)
        self.assertEqual(len(stderr.splitlines()), 1, stderr)
        self.assertIn(bad + ' line 3', stderr)
        self.assertNotIn('no-colon-secret', stderr)

        missing = os.path.join(self.tmp, 'no-such-users')
        code, stderr = self.headless('--auth-user-file', missing)
        self.assertEqual(code, 2, stderr)
        self.assertEqual(len(stderr.splitlines()), 1, stderr)
        self.assertIn(missing, stderr)

        empty = self.write('only-comments', b'# nobody yet\n')
        code, stderr = self.headless('--auth-user-file', empty)
        self.assertEqual(code, 2, stderr)
        self.assertIn(empty, stderr)

    def test_auth_user_file_readable_by_others_is_warned_about(self):
        users = self.write('shared-users', b'bob:b\n', mode=0o644)
        server = self.server(['--auth-user-file', users, '--allow-insecure-auth'],
                             tls=False, auth=False)
        self.assertEqual(self.login(server.port, 'bob', 'b'), 235)
        self.assertEqual(server.stop(), 0, server.stderr())
        self.assertEqual(server.stderr().splitlines(),
                         ['letterbox: warning: --auth-user-file %s can be read by other users '
                          '(chmod 600)' % users])

    def encrypted_key(self):
        key = os.path.join(self.tmp, 'encrypted-key.pem')
        subprocess.run(['openssl', 'pkey', '-in', KEY, '-aes256', '-out', key,
                        '-passout', 'pass:' + self.PASSPHRASE],
                       check=True, capture_output=True, timeout=CLIENT_TIMEOUT)
        return key

    def check_tls(self, server):
        with smtplib.SMTP_SSL('127.0.0.1', server.tls_port, timeout=30,
                              context=insecure_context()) as client:
            self.assertEqual(client.noop()[0], 250)
        self.assertEqual(server.stop(), 0, server.stderr())

    def test_tls_passphrase_from_file(self):
        key = self.encrypted_key()
        # The first line, without its line ending, is the passphrase.
        passphrase = self.write('passphrase', self.PASSPHRASE.encode() + b'\r\nsecond line\n')
        self.check_tls(self.server(['--tls-passphrase-file', passphrase], key=key, auth=False))

    def test_tls_passphrase_from_environment(self):
        key = self.encrypted_key()
        env = dict(CHILD_ENV, LETTERBOX_TLS_PASSPHRASE=self.PASSPHRASE)
        self.check_tls(self.server([], key=key, auth=False, env=env))
        # An option wins over the environment.
        wrong = dict(CHILD_ENV, LETTERBOX_TLS_PASSPHRASE='wrong')
        passphrase = self.write('passphrase', self.PASSPHRASE.encode())
        self.check_tls(self.server(['--tls-passphrase-file', passphrase], key=key, auth=False,
                                   env=wrong))
        code, stderr = self.headless('--tls-cert', CERT, '--tls-key', key, env=wrong)
        self.assertEqual(code, 2, stderr)
        self.assertIn('encrypted-key.pem', stderr)

    def test_tls_passphrase_file_problems(self):
        key = self.encrypted_key()
        wrong = self.write('wrong-passphrase', b'wrong\n')
        code, stderr = self.headless('--tls-cert', CERT, '--tls-key', key,
                                     '--tls-passphrase-file', wrong)
        self.assertEqual(code, 2, stderr)
        self.assertIn('encrypted-key.pem', stderr)

        missing = os.path.join(self.tmp, 'no-such-passphrase')
        code, stderr = self.headless('--tls-cert', CERT, '--tls-key', key,
                                     '--tls-passphrase-file', missing)
        self.assertEqual(code, 2, stderr)
        self.assertEqual(len(stderr.splitlines()), 1, stderr)
        self.assertIn(missing, stderr)

        right = self.write('passphrase', self.PASSPHRASE.encode())
        code, stderr = self.headless('--tls-cert', CERT, '--tls-key', key,
                                     '--tls-passphrase', 'x', '--tls-passphrase-file', right)
        self.assertEqual(code, 2, stderr)
        self.assertIn('--tls-passphrase-file', stderr)


class ExitCodeTests(unittest.TestCase):

    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix='letterbox-exit-')
        self.addCleanup(shutil.rmtree, self.tmp, True)

    def headless(self, *args):
        """Runs a headless instance that is expected to refuse to start."""
        argv = [LETTERBOX, '--headless', '--listen', '127.0.0.1:0',
                '--store', os.path.join(self.tmp, 'store'), '--events', 'json', *args]
        try:
            result = run(argv, timeout=STOP_TIMEOUT)
        except subprocess.TimeoutExpired:
            self.fail('letterbox kept running although it should have refused: %s'
                      % ' '.join(argv))
        return result.returncode, result.stderr.decode('utf-8', 'replace'), result.stdout

    def test_version(self):
        result = letterbox('--version')
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertRegex(result.stdout.decode(), r'^letterbox \S+')

    def test_help(self):
        result = letterbox('--help')
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertIn(b'--headless', result.stdout)
        for option in (b'--auth-user-file', b'--tls-passphrase-file', b'LETTERBOX_TLS_PASSPHRASE',
                       b'search -- -draft'):
            self.assertIn(option, result.stdout)

    def test_unknown_option(self):
        result = letterbox('--headless', '--no-such-option-here')
        self.assertEqual(result.returncode, 2)
        self.assertIn('no-such-option-here', result.stderr.decode())

    def test_unknown_command(self):
        result = letterbox('frobnicate')
        self.assertEqual(result.returncode, 2)
        self.assertIn('frobnicate', result.stderr.decode())

    def test_bad_events_format(self):
        code, stderr, _ = self.headless('--events', 'xml')
        self.assertEqual(code, 2)
        self.assertIn('--events', stderr)

    def test_show_bad_id(self):
        result = letterbox('show', '--store', self.tmp, 'abc')
        self.assertEqual(result.returncode, 2)

    def test_show_and_list_without_store(self):
        missing = os.path.join(self.tmp, 'no-store-here')
        for args in (['show', '--store', missing, '1'], ['list', '--store', missing]):
            result = letterbox(*args)
            self.assertEqual(result.returncode, 2, args)
            self.assertIn('no-store-here', result.stderr.decode())
        self.assertFalse(os.path.exists(missing), 'a reader created the store')

    def test_missing_certificate(self):
        missing = os.path.join(self.tmp, 'missing.pem')
        code, stderr, stdout = self.headless('--tls-cert', missing, '--tls-key', missing)
        self.assertEqual(code, 2, stderr)
        self.assertIn('missing.pem', stderr)
        self.assertNotIn(b'listening', stdout)

    def test_missing_key(self):
        missing = os.path.join(self.tmp, 'missing-key.pem')
        code, stderr, _ = self.headless('--tls-cert', CERT, '--tls-key', missing)
        self.assertEqual(code, 2, stderr)
        self.assertIn('missing-key.pem', stderr)

    def test_key_does_not_match_certificate(self):
        code, stderr, stdout = self.headless('--tls-cert', CERT, '--tls-key', OTHER_KEY)
        self.assertEqual(code, 2, stderr)
        self.assertIn('other-key.pem', stderr)
        self.assertIn('match', stderr)
        self.assertNotIn(b'listening', stdout)

    def test_port_in_use(self):
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as blocker:
            blocker.bind(('127.0.0.1', 0))
            blocker.listen(1)
            port = blocker.getsockname()[1]
            argv = [LETTERBOX, '--headless', '--listen', '127.0.0.1:%d' % port,
                    '--store', os.path.join(self.tmp, 'store'), '--events', 'json']
            result = run(argv, timeout=STOP_TIMEOUT)
        self.assertEqual(result.returncode, 2, result.stderr)
        self.assertIn('in use', result.stderr.decode().lower())
        self.assertIn(str(port), result.stderr.decode())

    def test_tls_port_in_use(self):
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as blocker:
            blocker.bind(('127.0.0.1', 0))
            blocker.listen(1)
            port = blocker.getsockname()[1]
            code, stderr, _ = self.headless('--tls-listen', '127.0.0.1:%d' % port,
                                            '--tls-cert', CERT, '--tls-key', KEY)
        self.assertEqual(code, 2, stderr)
        self.assertIn('in use', stderr.lower())

    def test_unwritable_store(self):
        regular = os.path.join(self.tmp, 'regular-file')
        with open(regular, 'w') as f:
            f.write('not a directory\n')
        argv = [LETTERBOX, '--headless', '--listen', '127.0.0.1:0',
                '--store', os.path.join(regular, 'store'), '--events', 'json']
        result = run(argv, timeout=STOP_TIMEOUT)
        self.assertEqual(result.returncode, 2, result.stderr)
        self.assertIn('regular-file', result.stderr.decode())

    def test_unwritable_maildir(self):
        regular = os.path.join(self.tmp, 'regular-file')
        with open(regular, 'w') as f:
            f.write('not a directory\n')
        code, stderr, _ = self.headless('--maildir', os.path.join(regular, 'maildir'))
        self.assertEqual(code, 2, stderr)
        self.assertIn('--maildir', stderr)

    def test_tls_listen_without_certificate(self):
        code, stderr, _ = self.headless('--tls-listen', '127.0.0.1:0')
        self.assertEqual(code, 2)
        self.assertIn('--tls-cert', stderr)

    def _stop_with(self, sig):
        server = Server(self, tls=False, auth=False)
        self.addCleanup(server.cleanup)
        try:
            # One round trip so the event loop is certainly running.
            with smtplib.SMTP('127.0.0.1', server.port, timeout=30) as client:
                self.assertEqual(client.noop()[0], 250)
            server.wait_event(lambda e: e['event'] == 'session_end')
        finally:
            code = server.stop(sig)
        self.assertEqual(code, 0, server.stderr())

    def test_sigterm_exits_zero(self):
        self._stop_with(signal.SIGTERM)

    def test_sigint_exits_zero(self):
        self._stop_with(signal.SIGINT)

    def test_sigterm_with_open_session(self):
        server = Server(self, tls=False, auth=False)
        self.addCleanup(server.cleanup)
        client = smtplib.SMTP('127.0.0.1', server.port, timeout=30)
        self.addCleanup(client.close)
        client.ehlo()
        server.wait_event(lambda e: e['event'] == 'session_start')
        self.assertEqual(server.stop(signal.SIGTERM), 0, server.stderr())
        # The open session got a 421 on the way out (or at least a closed connection).
        try:
            code, _ = client.getreply()
        except smtplib.SMTPServerDisconnected:
            code = -1
        self.assertIn(code, (421, -1))

    def test_second_instance_on_same_store(self):
        server = Server(self, tls=False, auth=False)
        self.addCleanup(server.cleanup)
        try:
            argv = [LETTERBOX, '--headless', '--listen', '127.0.0.1:0',
                    '--store', server.store, '--events', 'json']
            result = run(argv, timeout=STOP_TIMEOUT)
            self.assertNotEqual(result.returncode, 0)
            self.assertTrue(result.stderr.strip())
        finally:
            self.assertEqual(server.stop(), 0, server.stderr())


if __name__ == '__main__':
    unittest.main()
