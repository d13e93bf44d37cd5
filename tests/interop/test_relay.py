# SPDX-FileCopyrightText: 2026 The Letterbox developers
# SPDX-License-Identifier: MIT
"""Interop tests of relay and release: the real headless binary releases through its HTTP API
(Mailpit's POST /api/v1/message/{ID}/release) to a second letterbox, and `letterbox release`
delivers to Postfix's smtp-sink. Everything on 127.0.0.1."""

import json
import os
import shutil
import smtplib
import socket
import subprocess
import time
import unittest
import urllib.error
import urllib.request

import test_interop as base
from test_interop import setUpModule, tearDownModule, ServerTestCase  # noqa: F401


def free_port():
    with socket.socket() as s:
        s.bind(('127.0.0.1', 0))
        return s.getsockname()[1]


def smtp_sink():
    """Postfix's smtp-sink; CI installs postfix (build.sh test_packages), so a missing one only
    skips where the tests run by hand."""
    path = shutil.which('smtp-sink') or ('/usr/sbin/smtp-sink'
                                         if os.access('/usr/sbin/smtp-sink', os.X_OK) else None)
    if path is None:
        raise unittest.SkipTest('smtp-sink (postfix) is not installed')
    return path


class RelayTests(ServerTestCase):
    """A source letterbox relaying to a target letterbox and to smtp-sink."""

    server_kwargs = {'tls': False, 'auth': False}

    def api(self, server, method, path, body=None):
        url = 'http://127.0.0.1:%d%s' % (server.api_port, path)
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(url, data=data, method=method)
        if data is not None:
            request.add_header('Content-Type', 'application/json')
        try:
            with urllib.request.urlopen(request, timeout=base.CLIENT_TIMEOUT) as response:
                return response.status, response.read()
        except urllib.error.HTTPError as error:
            return error.code, error.read()

    def deliver(self, server, subject, recipients=('bob@example.test',)):
        content = base.sample_message(subject)
        with smtplib.SMTP('127.0.0.1', server.port, timeout=base.CLIENT_TIMEOUT) as smtp:
            smtp.sendmail('alice@example.test', list(recipients), content)
        return content

    def relay_args(self, port, *extra):
        return ['--relay-host', '127.0.0.1:%d' % port, '--relay-tls', 'none',
                '--relay-allow', '*@example.test', *extra]

    def test_release_through_the_api_arrives_byte_for_byte(self):
        target = self.server
        source = self.start_server(self.relay_args(target.port), tls=False, auth=False)
        self.deliver(source, 'release me')
        source.wait_message(1)

        status, body = self.api(source, 'POST', '/api/v1/message/1/release',
                                {'To': ['carol@example.test']})
        self.assertEqual((status, body.strip()), (200, b'ok'))
        arrived = target.wait_message(1)
        self.assertEqual(arrived['to'], ['carol@example.test'])
        # The target's Received header, the relay's, then exactly the stored bytes.
        _, relayed = base.split_received(target.show_raw(1))
        self.assertTrue(relayed.startswith(b'Received: by '), relayed[:200])
        ours_end = relayed.index(b'\r\n') + 2
        while relayed.startswith(b'\t', ours_end):
            ours_end = relayed.index(b'\r\n', ours_end) + 2
        self.assertEqual(relayed[ours_end:], source.show_raw(1))

        status, body = self.api(source, 'GET', '/api/v1/message/1/relay')
        self.assertEqual(status, 200, body)
        relay = json.loads(body)
        self.assertIsNone(relay['Queued'])
        self.assertEqual(len(relay['Attempts']), 1)
        attempt = relay['Attempts'][0]
        self.assertTrue(attempt['Delivered'])
        self.assertEqual(attempt['Target'], '127.0.0.1:%d' % target.port)
        self.assertEqual(attempt['Recipients'][0]['Address'], 'carol@example.test')
        self.assertEqual(attempt['Recipients'][0]['Code'], 250)
        self.assertIn('RCPT TO:<carol@example.test>',
                      [line['Text'] for line in attempt['Trace']])

    def test_release_refuses_what_is_not_allowed(self):
        source = self.start_server(self.relay_args(self.server.port), tls=False, auth=False)
        self.deliver(source, 'not for customers')
        source.wait_message(1)
        status, body = self.api(source, 'POST', '/api/v1/message/1/release',
                                {'To': ['customer@real.example']})
        self.assertEqual(status, 400)
        self.assertIn(b'customer@real.example', body)
        self.assertEqual(self.api(source, 'POST', '/api/v1/message/99/release',
                                  {'To': ['bob@example.test']})[0], 404)
        self.assertEqual(self.api(source, 'POST', '/api/v1/message/1/release', {'To': []})[0],
                         400)
        # Without a relay host the server itself refuses.
        status, body = self.api(self.server, 'POST', '/api/v1/message/1/release',
                                {'To': ['bob@example.test']})
        self.assertIn(status, (400, 404))

    def test_auto_relay_sends_matching_arrivals(self):
        target = self.server
        source = self.start_server(self.relay_args(target.port, '--relay-auto', 'subject:forward'),
                                   tls=False, auth=False)
        self.deliver(source, 'keep this one')
        self.deliver(source, 'forward this one', ('bob@example.test', 'eve@elsewhere.test'))
        arrived = target.wait_message(1)
        # Only the allowed recipient, and only the matching message.
        self.assertEqual(arrived['to'], ['bob@example.test'])
        self.assertIn(b'Subject: forward this one', target.show_raw(1))
        deadline = time.monotonic() + base.EVENT_TIMEOUT
        while time.monotonic() < deadline:
            relay = json.loads(self.api(source, 'GET', '/api/v1/message/2/relay')[1])
            if relay['Attempts']:
                break
            time.sleep(0.05)
        self.assertTrue(relay['Attempts'][0]['Delivered'])
        self.assertEqual(json.loads(self.api(source, 'GET', '/api/v1/message/1/relay')[1])
                         ['Attempts'], [])

    def test_release_command_delivers_to_smtp_sink(self):
        sink = smtp_sink()
        port = free_port()
        dump = os.path.join(self.tmp, 'dump')
        os.mkdir(dump)
        os.chmod(self.tmp, 0o755)
        os.chmod(dump, 0o777)
        process = subprocess.Popen([sink, '-u', 'nobody', '-d', os.path.join(dump, '%M.'),
                                    '127.0.0.1:%d' % port, '10'],
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self.addCleanup(process.wait)
        self.addCleanup(process.kill)
        deadline = time.monotonic() + base.EVENT_TIMEOUT
        while True:
            try:
                socket.create_connection(('127.0.0.1', port), timeout=1).close()
                break
            except OSError:
                if time.monotonic() > deadline:
                    self.fail('smtp-sink did not start')
                time.sleep(0.05)

        self.deliver(self.server, 'release from the command line')
        self.server.wait_message(1)
        # A running Letterbox holds the store: the command says where to release instead.
        held = base.letterbox('release', '--store', self.server.store,
                              *self.relay_args(port), '1', '--to', 'bob@example.test')
        self.assertEqual(held.returncode, 1, held.stderr)
        self.assertIn(b'/api/v1/message/1/release', held.stderr)
        self.assertEqual(self.server.stop(), 0)

        refused = base.letterbox('release', '--store', self.server.store,
                                 *self.relay_args(port), '1', '--to', 'customer@real.example')
        self.assertEqual(refused.returncode, 2, refused.stderr)
        self.assertIn(b'not an allowed relay recipient', refused.stderr)

        result = base.letterbox('release', '--store', self.server.store,
                                *self.relay_args(port), '1', '--to', 'bob@example.test')
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertRegex(result.stdout.decode(), r'^bob@example\.test: 250 ')
        # smtp-sink -d writes what it received, with LF line ends and dots unstuffed: the
        # stored message is in it, unchanged, after the relay's Received header.
        deadline = time.monotonic() + base.EVENT_TIMEOUT
        while not os.listdir(dump) and time.monotonic() < deadline:
            time.sleep(0.05)
        files = os.listdir(dump)
        self.assertEqual(len(files), 1, files)
        with open(os.path.join(dump, files[0]), 'rb') as f:
            dumped = f.read()
        self.assertIn(b'Received: by ', dumped)
        self.assertIn(b' (Letterbox relay) id 1;\n\t', dumped)
        self.assertIn(self.server.show_raw(1).replace(b'\r\n', b'\n'), dumped)


if __name__ == '__main__':
    unittest.main()
