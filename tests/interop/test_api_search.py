# SPDX-FileCopyrightText: 2026 The Letterbox developers
# SPDX-License-Identifier: MIT
"""The search routes of the HTTP API (Mailpit's syntax) on the real headless binary: messages
delivered with smtplib, searched with urllib (form-encoded queries, as Mailpit clients send
them) and curl, deleted and marked read by search."""

import json
import smtplib
import unittest
import urllib.error
import urllib.parse
import urllib.request

import test_interop as base
from test_interop import setUpModule, tearDownModule, ServerTestCase  # noqa: F401


def message(sender, recipient, subject, body):
    return base.crlf('From: %s' % sender, 'To: %s' % recipient, 'Subject: ' + subject,
                     'MIME-Version: 1.0', 'Content-Type: text/plain; charset=utf-8', '', body)


class ApiSearchTests(ServerTestCase):
    server_kwargs = {'tls': False, 'auth': False}

    def api(self, method, path, body=None):
        """(status, body bytes) of one request to the API."""
        url = 'http://127.0.0.1:%d%s' % (self.server.api_port, path)
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(url, data=data, method=method)
        try:
            with urllib.request.urlopen(request, timeout=base.CLIENT_TIMEOUT) as response:
                return response.status, response.read()
        except urllib.error.HTTPError as error:
            return error.code, error.read()

    def search(self, query, **parameters):
        status, body = self.api('GET', '/api/v1/search?'
                                + urllib.parse.urlencode({'query': query, **parameters}))
        self.assertEqual(status, 200, body)
        return json.loads(body)

    def subjects(self, query, **parameters):
        return sorted(m['Subject'] for m in self.search(query, **parameters)['messages'])

    def setUp(self):
        super().setUp()
        mails = [('Ann <ann@x.test>', 'bob@y.test', 'welcome ann', 'Confirm your signup'),
                 ('joann@x.test', 'bob@y.test', 'welcome joann', 'Confirm your signup'),
                 ('shop@z.test', 'carol@y.test', 'big sale', 'Discounts everywhere')]
        with smtplib.SMTP('127.0.0.1', self.server.port, timeout=base.CLIENT_TIMEOUT) as smtp:
            for sender, recipient, subject, body in mails:
                address = sender.split('<')[-1].rstrip('>')
                smtp.sendmail(address, [recipient], message(sender, recipient, subject, body))
        self.server.wait_message(len(mails))

    def test_operators_with_urllib(self):
        self.assertEqual(self.subjects('from:ann@x.test'), ['welcome ann'])  # not joann
        self.assertEqual(self.subjects('from:x.test'), ['welcome ann', 'welcome joann'])
        self.assertEqual(self.subjects('to:bob@y.test -from:ann@x.test'), ['welcome joann'])
        self.assertEqual(self.subjects('"confirm your signup"'), ['welcome ann', 'welcome joann'])
        self.assertEqual(self.subjects('subject:sale is:unread'), ['big sale'])
        self.assertEqual(self.subjects('!subject:welcome'), ['big sale'])
        self.assertEqual(self.subjects('after:2000-01-01', tz='Pacific/Auckland'),
                         ['big sale', 'welcome ann', 'welcome joann'])
        self.assertEqual(self.subjects('before:2000-01-01'), [])
        found = self.search('welcome', limit=1)
        self.assertEqual((found['messages_count'], found['messages_unread'], found['count'],
                          found['total'], found['unread']), (2, 2, 1, 3, 3))

        status, body = self.api('GET', '/api/v1/search')
        self.assertEqual(status, 400)
        self.assertIn(b'no search query', body)
        status, body = self.api('GET', '/api/v1/search?query=after%3Asoon')
        self.assertEqual(status, 400)
        self.assertIn(b'after: needs a date', body)

    def test_read_status_and_delete_by_search_with_curl(self):
        curl = base.require_tool('curl')
        url = 'http://127.0.0.1:%d' % self.server.api_port
        result = base.run([curl, '-sS', '-X', 'PUT', '-H', 'Content-Type: application/json',
                           '--data', '{"Search": "subject:welcome", "Read": true}',
                           url + '/api/v1/messages'])
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(result.stdout.strip(), b'ok')
        self.assertEqual(self.subjects('is:unread'), ['big sale'])

        result = base.run([curl, '-sS', '-G', '-X', 'DELETE', '--data-urlencode',
                           'query=from:joann@x.test', url + '/api/v1/search'])
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(result.stdout.strip(), b'ok')
        listing = json.loads(self.api('GET', '/api/v1/messages')[1])
        self.assertEqual(sorted(m['Subject'] for m in listing['messages']),
                         ['big sale', 'welcome ann'])
        def stats():
            return json.loads(self.api('GET', '/api/v1/info')[1])['RuntimeStats']

        self.assertEqual(stats()['SMTPAccepted'], 3)
        # Counted when the service hears of the deletion, just after the answer.
        self.assertTrue(base.poll(lambda: stats()['MessagesDeleted'] == 1), stats())


if __name__ == '__main__':
    unittest.main()
