# SPDX-FileCopyrightText: 2026 The Letterbox developers
# SPDX-License-Identifier: MIT
"""Loose ends of the HTTP API of the real headless binary: a busy --api-listen given explicitly
stops the start before anything listens, curl sees "Connection: close" honoured (and
keep-alive kept otherwise), and RuntimeStats count what Mailpit counts."""

import json
import os
import smtplib
import socket
import tempfile
import time
import unittest
import urllib.request

import test_interop as base
from test_interop import setUpModule, tearDownModule, ServerTestCase  # noqa: F401


def free_port():
    with socket.socket() as probe:
        probe.bind(('127.0.0.1', 0))
        return probe.getsockname()[1]


class BusyApiAddressTests(unittest.TestCase):
    """An explicit API address that is taken ends the start with status 2, before anything
    listens."""

    def test_busy_explicit_api_address_starts_nothing(self):
        smtp_port = free_port()
        store = tempfile.mkdtemp(prefix='letterbox-busy-api-')
        with socket.socket() as taken:
            taken.bind(('127.0.0.1', 0))
            taken.listen()
            api_port = taken.getsockname()[1]
            # Whether the SMTP listener started is told by the events (a `listening` event comes
            # with every listener that starts). Connecting to the SMTP port instead cannot tell:
            # the port was free when chosen, and the tests running beside this one may take it.
            result = base.run([base.LETTERBOX, '--headless',
                               '--listen', '127.0.0.1:%d' % smtp_port,
                               '--store', os.path.join(store, 'store'),
                               '--events', 'json',
                               '--api-listen', '127.0.0.1:%d' % api_port],
                              timeout=base.STOP_TIMEOUT)
        stderr = result.stderr.decode()
        self.assertEqual(result.returncode, 2, stderr)
        self.assertIn('--api-listen', stderr)
        self.assertIn('127.0.0.1:%d' % api_port, stderr)
        self.assertIn('in use', stderr.lower())
        self.assertNotIn(b'listening', result.stdout, 'the SMTP listener was started')


class ApiLooseTests(ServerTestCase):
    """Connection handling and RuntimeStats against a running server."""

    server_kwargs = {'tls': False, 'auth': False}

    def setUp(self):
        super().setUp()
        self.base_url = 'http://127.0.0.1:%d' % self.server.api_port

    def curl(self, *args):
        curl = base.require_tool('curl')
        result = base.run([curl, '-sS', '-v', '-o', '/dev/null', *args])
        self.assertEqual(result.returncode, 0, result.stderr)
        return result.stderr.decode()

    def test_curl_connection_close_is_honoured(self):
        # curl asks for close: the answer says so, and curl opens a new connection for the
        # second URL instead of reusing the first.
        log = self.curl('-H', 'Connection: close', self.base_url + '/livez',
                        self.base_url + '/livez')
        self.assertEqual(log.lower().count('< connection: close'), 2, log)
        self.assertNotIn('Re-using existing connection', log)
        # HTTP/1.0 without keep-alive closes too.
        log = self.curl('--http1.0', self.base_url + '/livez')
        self.assertIn('< connection: close', log.lower(), log)

    def test_curl_keep_alive_is_kept(self):
        log = self.curl(self.base_url + '/livez', self.base_url + '/api/v1/info')
        self.assertIn('Re-using existing connection', log)
        self.assertNotIn('< connection: close', log.lower())

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
