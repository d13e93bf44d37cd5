# SPDX-FileCopyrightText: 2026 The Letterbox developers
# SPDX-License-Identifier: MIT
"""The live part of the HTTP API of the real headless binary: GET /api/v1/wait with urllib,
racing smtplib deliveries, and the WebSocket /api/events read by a minimal RFC 6455 client
(the standard library has none)."""

import base64
import hashlib
import json
import os
import smtplib
import socket
import struct
import threading
import time
import unittest
import urllib.error
import urllib.parse
import urllib.request

import test_interop as base
from test_interop import setUpModule, tearDownModule, ServerTestCase  # noqa: F401

WEBSOCKET_GUID = b'258EAFA5-E914-47DA-95CA-C5AB0DC85B11'  # RFC 6455 section 1.3


class WebSocketClient:
    """Just enough of RFC 6455 to read a server's text messages: the opening handshake, then
    unmasked frames from the server (section 5.2). Never sends a frame."""

    def __init__(self, port, path='/api/events', timeout=30.0):
        self.sock = socket.create_connection(('127.0.0.1', port), timeout=timeout)
        key = base64.b64encode(os.urandom(16))
        self.sock.sendall(b'GET ' + path.encode() + b' HTTP/1.1\r\n'
                          b'Host: 127.0.0.1:' + str(port).encode() + b'\r\n'
                          b'Upgrade: websocket\r\nConnection: Upgrade\r\n'
                          b'Sec-WebSocket-Key: ' + key + b'\r\n'
                          b'Sec-WebSocket-Version: 13\r\n\r\n')
        self.buffer = b''
        while b'\r\n\r\n' not in self.buffer:
            self._fill()
        head, self.buffer = self.buffer.split(b'\r\n\r\n', 1)
        lines = head.split(b'\r\n')
        self.status = int(lines[0].split()[1])
        self.headers = {}
        for line in lines[1:]:
            name, _, value = line.partition(b':')
            self.headers[name.strip().lower()] = value.strip()
        expected = base64.b64encode(hashlib.sha1(key + WEBSOCKET_GUID).digest())
        self.accepted = (self.status == 101
                         and self.headers.get(b'sec-websocket-accept') == expected)

    def _fill(self):
        data = self.sock.recv(65536)
        if not data:
            raise ConnectionError('the server closed the WebSocket')
        self.buffer += data

    def _take(self, size):
        while len(self.buffer) < size:
            self._fill()
        taken, self.buffer = self.buffer[:size], self.buffer[size:]
        return taken

    def read_text(self):
        """The next whole text message (continuation frames joined); control frames skipped."""
        message = b''
        while True:
            first, second = self._take(2)
            fin, opcode = first & 0x80, first & 0x0f
            if second & 0x80:
                raise AssertionError('a server frame must not be masked (RFC 6455 5.1)')
            length = second & 0x7f
            if length == 126:
                length = struct.unpack('!H', self._take(2))[0]
            elif length == 127:
                length = struct.unpack('!Q', self._take(8))[0]
            payload = self._take(length)
            if opcode == 0x8:
                raise ConnectionError('the server sent Close')
            if opcode in (0x9, 0xA):
                continue  # ping, pong
            message += payload
            if fin:
                return message.decode('utf-8')

    def read_event(self, wanted_type, deadline):
        """The next event of `wanted_type`, skipping others, before `deadline`."""
        while time.monotonic() < deadline:
            self.sock.settimeout(max(0.1, deadline - time.monotonic()))
            event = json.loads(self.read_text())
            if event['Type'] == wanted_type:
                return event
        raise AssertionError('no %s event in time' % wanted_type)

    def close(self):
        self.sock.close()


class ApiLiveTests(ServerTestCase):
    """GET /api/v1/wait and the WebSocket /api/events of the headless binary."""

    server_kwargs = {'tls': False, 'auth': False}

    def api(self, path):
        """(status, body) of a GET; a JSON body is parsed, others (errors) stay bytes."""
        url = 'http://127.0.0.1:%d%s' % (self.server.api_port, path)
        try:
            with urllib.request.urlopen(url, timeout=base.CLIENT_TIMEOUT) as response:
                status, content_type, body = (response.status, response.headers['Content-Type'],
                                              response.read())
        except urllib.error.HTTPError as error:
            status, content_type, body = error.code, error.headers['Content-Type'], error.read()
        return status, json.loads(body) if content_type == 'application/json' else body

    def deliver(self, subject):
        with smtplib.SMTP('127.0.0.1', self.server.port, timeout=base.CLIENT_TIMEOUT) as smtp:
            smtp.sendmail('a@x.test', ['b@y.test'], base.sample_message(subject))

    def test_wait_races_a_delivery(self):
        # The delivery starts first, in a thread; the wait follows at once, so the commit lands
        # before, during or after the wait is registered. None may be missed.
        for round_number in range(5):
            subject = 'live race %d' % round_number
            errors = []

            def deliver():
                try:
                    self.deliver(subject)
                except Exception as error:  # reported by the main thread
                    errors.append(error)

            sender = threading.Thread(target=deliver)
            sender.start()
            query = urllib.parse.urlencode({'query': 'subject:"%s"' % subject,
                                            'timeout': 30})
            status, body = self.api('/api/v1/wait?' + query)
            sender.join(base.CLIENT_TIMEOUT)
            self.assertEqual(errors, [])
            self.assertEqual(status, 200, body)
            self.assertEqual(body['messages_count'], 1)
            self.assertEqual(body['messages'][0]['Subject'], subject)

    def test_wait_then_deliver_and_timeout(self):
        results = []
        waiter = threading.Thread(
            target=lambda: results.append(self.api('/api/v1/wait?count=2&timeout=30')))
        waiter.start()
        deadline = time.monotonic() + 20
        while self.api('/api/v1/info')[1]['RuntimeStats']['WaitingRequests'] != 1:
            self.assertLess(time.monotonic(), deadline, 'the wait was never held')
            time.sleep(0.05)
        self.deliver('first of two')
        self.deliver('second of two')
        waiter.join(base.CLIENT_TIMEOUT)
        status, body = results[0]
        self.assertEqual(status, 200, body)
        self.assertEqual((body['messages_count'], body['count']), (2, 2))

        status, body = self.api('/api/v1/wait?count=3&timeout=1')
        self.assertEqual(status, 408)
        self.assertEqual((body['messages_count'], body['count'], body['timeout']), (2, 3, 1))
        self.assertEqual(self.api('/api/v1/wait?count=0')[0], 400)

    def test_websocket_receives_new(self):
        client = WebSocketClient(self.server.api_port)
        self.addCleanup(client.close)
        self.assertTrue(client.accepted, (client.status, client.headers))
        deadline = time.monotonic() + 30
        stats = client.read_event('stats', deadline)
        self.assertEqual(stats['Data']['Total'], 0)
        self.deliver('over the websocket')
        event = client.read_event('new', deadline)
        self.assertEqual(event['Data']['Subject'], 'over the websocket')
        self.assertEqual(event['Data']['ID'], '1')
        self.assertEqual(event['Data']['From'], {'Name': 'Alice', 'Address': 'a@x.test'})


if __name__ == '__main__':
    unittest.main()
