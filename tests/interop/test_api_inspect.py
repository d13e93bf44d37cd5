# SPDX-FileCopyrightText: 2026 The Letterbox developers
# SPDX-License-Identifier: MIT
"""Interop tests of the HTTP API's inspection and send routes: the real headless binary,
swaks and smtplib delivering, urllib and curl asking (127.0.0.1 only)."""

import base64
import json
import os
import re
import smtplib
import time
import unittest
import urllib.error
import urllib.request

import test_interop as base
from test_interop import setUpModule, tearDownModule, ServerTestCase  # noqa: F401


class ApiInspectTests(ServerTestCase):
    """/trace, /links, /view, /sessions and POST /api/v1/send against letterbox --headless."""

    server_kwargs = {'tls': False, 'auth': True}   # alice:secret, AUTH allowed without TLS

    def api(self, method, path, body=None):
        """(status, headers, body bytes) of one request to the API."""
        url = 'http://127.0.0.1:%d%s' % (self.server.api_port, path)
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(url, data=data, method=method)
        if data is not None:
            request.add_header('Content-Type', 'application/json')
        try:
            with urllib.request.urlopen(request, timeout=base.CLIENT_TIMEOUT) as response:
                return response.status, response.headers, response.read()
        except urllib.error.HTTPError as error:
            return error.code, error.headers, error.read()

    def poll_json(self, path, done, timeout=base.EVENT_TIMEOUT):
        """The JSON of `path` once done(json) holds, polled until the deadline."""
        deadline = time.monotonic() + timeout
        while True:
            status, _, body = self.api('GET', path)
            value = json.loads(body) if status == 200 else None
            if value is not None and done(value):
                return value
            if time.monotonic() > deadline:
                self.fail('%s did not get there: %s %r' % (path, status, body))
            time.sleep(0.05)

    def swaks(self, *extra):
        swaks = base.require_tool('swaks')
        message = base.sample_message('swaks traced')
        path = self.write_file('message.eml', message)
        return base.run([swaks, '--server', '127.0.0.1:%d' % self.server.port,
                         '--timeout', '30', '--helo', 'client.swaks.test',
                         '--to', 'b@y.test', '--from', 'a@x.test', '--data', '@' + path,
                         *extra])

    def test_trace_masks_the_password_of_swaks_auth_plain(self):
        result = self.swaks('--auth', 'PLAIN', '--auth-user', 'alice',
                            '--auth-password', 'secret')
        self.assertEqual(result.returncode, 0, result.stdout + result.stderr)
        self.server.wait_message(1)
        # The end of the dialogue is stored with the end of the session.
        trace = self.poll_json('/api/v1/message/1/trace',
                               lambda t: t['Session']['Ended'] is not None)
        text = json.dumps(trace)
        self.assertNotIn('secret', text)
        self.assertNotIn(base64.b64encode(b'\0alice\0secret').decode(), text)
        self.assertNotIn(base64.b64encode(b'alice\0alice\0secret').decode(), text)
        auth = [line['Text'] for line in trace['Lines']
                if line['Direction'] == 'client' and line['Text'].startswith('AUTH')]
        self.assertEqual(auth, ['AUTH PLAIN ****'])
        self.assertEqual(trace['Session']['AuthUser'], 'alice')
        self.assertEqual(trace['Session']['HeloName'], 'client.swaks.test')
        transaction = [line['Text'] for line in trace['Lines'] if line['Message']]
        self.assertTrue(transaction[0].startswith('MAIL FROM:<a@x.test>'), transaction)
        self.assertRegex(transaction[-1], r'^250 .*queued as 1$')

        envelope = json.loads(self.api('GET', '/api/v1/message/latest/envelope')[2])
        self.assertEqual((envelope['MailFrom'], envelope['Recipients'], envelope['AuthUser'],
                          envelope['HeloName'], envelope['RemoteAddress']),
                         ('a@x.test', ['b@y.test'], 'alice', 'client.swaks.test', '127.0.0.1'))

    def test_sessions_list_a_failed_auth(self):
        result = self.swaks('--auth', 'PLAIN', '--auth-user', 'alice',
                            '--auth-password', 'wrong')
        self.assertNotEqual(result.returncode, 0)
        sessions = self.poll_json('/api/v1/sessions', lambda s: s['total'] == 1)
        session = sessions['sessions'][0]
        self.assertEqual((session['Messages'], session['AuthUser'], session['HeloName']),
                         (0, '', 'client.swaks.test'))
        trace = json.loads(self.api('GET', '/api/v1/session/%s/trace' % session['ID'])[2])
        replies = [line['Text'][:3] for line in trace['Lines']
                   if line['Direction'] == 'server']
        self.assertIn('535', replies)
        self.assertNotIn('wrong', json.dumps(trace))

    def test_send_with_urllib_then_fetch_raw(self):
        status, headers, body = self.api('POST', '/api/v1/send', {
            'From': {'Email': 'app@x.test', 'Name': 'The App'},
            'To': [{'Email': 'user@y.test', 'Name': 'User'}],
            'Bcc': ['audit@y.test'],
            'Subject': 'Confirm your address',
            'Text': 'Open https://app.x.test/confirm?t=42',
            'HTML': '<p><a href="https://app.x.test/confirm?t=42&amp;src=mail">Confirm</a></p>',
            'Attachments': [{'Content': base64.b64encode(b'hello').decode(),
                             'Filename': 'hello.txt'}],
            'Headers': {'X-Request': 'r1'}})
        self.assertEqual(status, 200, body)
        self.assertEqual(headers['Content-Type'], 'application/json')
        sent_id = json.loads(body)['ID']
        self.assertEqual(sent_id, '1')
        event = self.server.wait_message(1)
        self.assertEqual(event['remote'], 'api')
        self.assertEqual(event['to'], ['user@y.test', 'audit@y.test'])

        status, _, raw = self.api('GET', '/api/v1/message/%s/raw' % sent_id)
        self.assertEqual(status, 200)
        self.assertIn(b'\r\nSubject: Confirm your address\r\n', raw)
        self.assertIn(b'\r\nX-Request: r1\r\n', raw)
        self.assertIn(b'multipart/mixed', raw)
        self.assertNotIn(b'audit@y.test', raw)
        self.assertEqual(raw.count(b'\n'), raw.count(b'\r\n'))
        summary = json.loads(self.api('GET', '/api/v1/message/' + sent_id)[2])
        self.assertEqual(summary['Bcc'], [{'Name': '', 'Address': 'audit@y.test'}])
        self.assertEqual([a['FileName'] for a in summary['Attachments']], ['hello.txt'])
        # Stored as if it had arrived: the Maildir mirror has it too.
        deadline = time.monotonic() + base.EVENT_TIMEOUT
        while not any(os.listdir(os.path.join(self.server.maildir, sub)) for sub in ('new', 'cur')
                      if os.path.isdir(os.path.join(self.server.maildir, sub))):
            self.assertLess(time.monotonic(), deadline, 'not mirrored to the Maildir')
            time.sleep(0.05)
        links = json.loads(self.api('GET', '/api/v1/message/1/links')[2])
        self.assertEqual(links, ['https://app.x.test/confirm?t=42&src=mail',
                                 'https://app.x.test/confirm?t=42'])

        status, _, body = self.api('POST', '/api/v1/send', {'From': {'Email': 'nobody'}})
        self.assertEqual(status, 400)
        self.assertIn(b'From', body)

    def test_links_and_view_of_an_html_mail(self):
        html = ('<html><body><img src="https://img.x.test/logo.png"><p>Welcome!</p>'
                '<a href="https://x.test/signup?token=abc&amp;u=1">Confirm</a>'
                '<!-- <a href="https://x.test/hidden">no</a> -->'
                '<img src="https://img.x.test/pixel.gif">'
                '<a href="https://x.test/signup?token=abc&amp;u=1">again</a>'
                '<script>fetch("https://evil.test/")</script></body></html>')
        message = base.crlf('From: a@x.test', 'To: b@y.test', 'Subject: links',
                            'MIME-Version: 1.0', 'Content-Type: text/html; charset=utf-8', '',
                            html)
        with smtplib.SMTP('127.0.0.1', self.server.port, timeout=base.CLIENT_TIMEOUT) as smtp:
            smtp.sendmail('a@x.test', ['b@y.test'], message)
        self.server.wait_message(1)
        status, headers, body = self.api('GET', '/api/v1/message/latest/links')
        self.assertEqual(status, 200)
        # The pixel is an image, not a link; the commented-out and scripted URLs are neither.
        self.assertEqual(json.loads(body), ['https://x.test/signup?token=abc&u=1'])
        self.assertIsNone(headers['X-Links-Truncated'])

        curl = base.require_tool('curl')
        result = base.run([curl, '-sS', '-D', '-', '--max-time', '30',
                           'http://127.0.0.1:%d/view/latest.html' % self.server.api_port])
        self.assertEqual(result.returncode, 0, result.stderr)
        head, _, page = result.stdout.partition(b'\r\n\r\n')
        self.assertRegex(head, rb'(?i)\r\ncontent-security-policy: default-src \'none\';')
        self.assertRegex(head, rb'(?i)\r\ncontent-type: text/html; charset=utf-8')
        self.assertIn(b'https://x.test/signup?token=abc&amp;u=1', page)
        self.assertEqual(self.api('GET', '/view/latest.txt')[0], 404)   # no text body


if __name__ == '__main__':
    unittest.main()
