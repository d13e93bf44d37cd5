# SPDX-FileCopyrightText: 2026 The Letterbox developers
# SPDX-License-Identifier: MIT
"""Interop tests of fault rules (--fault): the real headless binary against smtplib, swaks and
curl, and what the store holds afterwards (127.0.0.1 only)."""

import json
import smtplib
import unittest

import test_interop as base
from test_interop import setUpModule, tearDownModule, ServerTestCase  # noqa: F401


def message(subject):
    return base.crlf('From: a@x.test', 'To: b@y.test', 'Subject: ' + subject, '', 'body')


class FaultTestCase(ServerTestCase):
    server_kwargs = {'tls': False, 'auth': False}

    def stored_subjects(self, server=None):
        return [entry.get('subject') for entry in (server or self.server).list_json()]

    def smtp(self, server=None):
        client = smtplib.SMTP('127.0.0.1', (server or self.server).port,
                              timeout=base.CLIENT_TIMEOUT)
        self.addCleanup(client.close)
        client.ehlo('client.test')
        return client


class BlockedRecipientTests(FaultTestCase):
    """The issue's example: --fault 'rcpt:*@blocked.test:550 5.1.1 no such user' refuses
    exactly those recipients; the others are accepted and stored."""

    server_args = ('--fault', 'rcpt:*@blocked.test:550 5.1.1 no such user')

    def test_smtplib_sees_550_for_blocked_only(self):
        client = self.smtp()
        client.mail('a@x.test')
        self.assertEqual(client.rcpt('bob@blocked.test'), (550, b'5.1.1 no such user'))
        code, _ = client.rcpt('ann@ok.test')
        self.assertEqual(code, 250)
        code, _ = client.data(message('half blocked'))
        self.assertEqual(code, 250)
        event = self.server.wait_message(1)
        self.assertEqual(event['to'], ['ann@ok.test'])
        client.quit()

    def test_sendmail_reports_the_refused_recipient(self):
        client = self.smtp()
        refused = client.sendmail('a@x.test', ['x@BLOCKED.test', 'y@ok.test'], message('two'))
        self.assertEqual(refused, {'x@BLOCKED.test': (550, b'5.1.1 no such user')})
        with self.assertRaises(smtplib.SMTPRecipientsRefused):
            client.sendmail('a@x.test', ['only@blocked.test'], message('none'))
        self.server.wait_message(1)
        self.assertEqual(self.stored_subjects(), ['two'])

    def test_swaks_fails_on_the_blocked_recipient(self):
        swaks = base.require_tool('swaks')
        result = base.run([swaks, '--server', '127.0.0.1:%d' % self.server.port,
                           '--timeout', '30', '--from', 'a@x.test', '--to', 'c@blocked.test'])
        output = result.stdout.decode('utf-8', 'replace')
        self.assertNotEqual(result.returncode, 0, output)
        self.assertIn('550 5.1.1 no such user', output)
        self.assertEqual(self.stored_subjects(), [])

    def test_trace_marks_the_fault(self):
        client = self.smtp()
        client.sendmail('a@x.test', ['x@blocked.test', 'y@ok.test'], message('traced'))
        client.quit()
        self.server.wait_message(1)
        status, body = self.api_get('/api/v1/message/1/trace')
        self.assertEqual(status, 200)
        faults = [line for line in json.loads(body)['Lines'] if line['Direction'] == 'fault']
        self.assertEqual(len(faults), 1, body)
        self.assertIn('fault rule 1 (rcpt:*@blocked.test:550 5.1.1 no such user)',
                      faults[0]['Text'])

    def api_get(self, path):
        import urllib.request
        url = 'http://127.0.0.1:%d%s' % (self.server.api_port, path)
        with urllib.request.urlopen(url, timeout=base.CLIENT_TIMEOUT) as response:
            return response.status, response.read().decode('utf-8')


class GreylistTests(FaultTestCase):
    server_args = ('--fault', 'rcpt:*:greylist=1')

    def test_smtplib_sees_451_then_success(self):
        client = self.smtp()
        with self.assertRaises(smtplib.SMTPRecipientsRefused) as refused:
            client.sendmail('a@x.test', ['b@y.test'], message('greylisted'))
        self.assertEqual(refused.exception.recipients['b@y.test'][0], 451)
        self.assertTrue(refused.exception.recipients['b@y.test'][1].startswith(b'4.7.1'))
        client.rset()
        # The retry, as a well-behaved client makes it later, is accepted.
        self.assertEqual(client.sendmail('a@x.test', ['b@y.test'], message('greylisted')), {})
        self.server.wait_message(1)
        self.assertEqual(self.stored_subjects(), ['greylisted'])


class DisconnectAtDataEndTests(FaultTestCase):
    server_args = ('--fault', 'data-end:*:disconnect')

    def test_smtplib_loses_the_connection_and_nothing_is_stored(self):
        client = self.smtp()
        with self.assertRaises(smtplib.SMTPServerDisconnected):
            client.sendmail('a@x.test', ['b@y.test'], message('lost'))
        self.server.wait_event(lambda e: e.get('event') == 'session_end')
        self.assertEqual(self.stored_subjects(), [])
        self.assertFalse(any(e.get('event') == 'message' for e in self.server.events))

    def test_curl_fails(self):
        curl = base.require_tool('curl')
        path = self.write_file('m.eml', message('curl lost'))
        result = base.run([curl, '-sS', '--max-time', '30', 'smtp://127.0.0.1:%d' % self.server.port,
                           '--mail-from', 'a@x.test', '--mail-rcpt', 'b@y.test',
                           '--upload-file', path])
        self.assertNotEqual(result.returncode, 0)
        self.server.wait_event(lambda e: e.get('event') == 'session_end')
        self.assertEqual(self.stored_subjects(), [])


class SeveralStagesTests(FaultTestCase):
    """A fault at each of several stages, seen by swaks and curl; nothing stored that the
    client was told failed."""

    server_args = ('--fault', 'helo:remote=10.*:421 4.3.2 never',
                   '--fault', 'mail:from=*@slow.test:delay=300',
                   '--fault', 'mail:from=*@refused.test:451 4.3.0 try again later',
                   '--fault', 'data:to=*@nodata.test:554 5.3.0 no data today',
                   '--fault', 'data-end:header.Subject=*reject me*:550 5.7.1 content refused',
                   '--fault-seed', '42')

    def swaks(self, *args):
        swaks = base.require_tool('swaks')
        result = base.run([swaks, '--server', '127.0.0.1:%d' % self.server.port,
                           '--timeout', '30', *args])
        return result.returncode, result.stdout.decode('utf-8', 'replace')

    def test_stages(self):
        code, output = self.swaks('--from', 'a@refused.test', '--to', 'b@y.test')
        self.assertNotEqual(code, 0)
        self.assertIn('451 4.3.0 try again later', output)

        code, output = self.swaks('--from', 'a@x.test', '--to', 'b@nodata.test')
        self.assertNotEqual(code, 0)
        self.assertIn('554 5.3.0 no data today', output)

        code, output = self.swaks('--from', 'a@x.test', '--to', 'b@y.test',
                                  '--header', 'Subject: please reject me now')
        self.assertNotEqual(code, 0)
        self.assertIn('550 5.7.1 content refused', output)

        # A delayed MAIL is answered normally; the message is stored.
        code, output = self.swaks('--from', 'a@slow.test', '--to', 'b@y.test',
                                  '--header', 'Subject: slow but fine')
        self.assertEqual(code, 0, output)
        self.server.wait_message(1)

        curl = base.require_tool('curl')
        path = self.write_file('m.eml', message('curl refused'))
        result = base.run([curl, '-sS', '--max-time', '30',
                           'smtp://127.0.0.1:%d' % self.server.port,
                           '--mail-from', 'a@refused.test', '--mail-rcpt', 'b@y.test',
                           '--upload-file', path])
        self.assertNotEqual(result.returncode, 0)
        self.assertIn(b'451', result.stderr)

        self.assertEqual(self.stored_subjects(), ['slow but fine'])
        faults = self.server.wait_event(lambda e: e.get('event') == 'faults')
        self.assertEqual(faults['rules'], 5)
        self.assertEqual(faults['seed'], '42')


class ApiFaultTests(FaultTestCase):
    """PUT /api/v1/faults (with curl) changes the rules of a running server at once, also for a
    session that is already open."""

    def curl_json(self, method, path, body=None):
        curl = base.require_tool('curl')
        args = [curl, '-sS', '--max-time', '30', '-X', method, '-w', '\n%{http_code}',
                'http://127.0.0.1:%d%s' % (self.server.api_port, path)]
        if body is not None:
            args += ['-H', 'Content-Type: application/json', '--data-binary', body]
        result = base.run(args)
        self.assertEqual(result.returncode, 0, result.stderr)
        text, _, status = result.stdout.decode('utf-8').rpartition('\n')
        return int(status), text

    def test_put_applies_to_an_open_session(self):
        client = self.smtp()
        client.mail('a@x.test')
        self.assertEqual(client.rcpt('b@y.test')[0], 250)
        status, text = self.curl_json(
            'PUT', '/api/v1/faults',
            json.dumps({'Rules': [{'Rule': 'rcpt:*@y.test:450 4.2.1 mailbox busy'}]}))
        self.assertEqual(status, 200, text)
        self.assertEqual(json.loads(text)['Rules'][0]['Code'], 450)
        self.assertEqual(client.rcpt('c@y.test'), (450, b'4.2.1 mailbox busy'))
        self.assertEqual(client.rcpt('c@z.test')[0], 250)
        # --events tells every change of the rules, not only those at the start.
        self.server.wait_event(lambda e: e.get('event') == 'faults' and e.get('rules') == 1)
        status, text = self.curl_json('GET', '/api/v1/faults')
        self.assertEqual(status, 200)
        self.assertEqual([r['Rule'] for r in json.loads(text)['Rules']],
                         ['rcpt:*@y.test:450 4.2.1 mailbox busy'])
        status, text = self.curl_json('PUT', '/api/v1/faults', '{"Rules": [{"Rule": "rcpt:*:200"}]}')
        self.assertEqual(status, 400)
        self.assertIn('Rules[0]', text)
        status, text = self.curl_json('PUT', '/api/v1/faults', '{"Rules": []}')
        self.assertEqual(status, 200)
        self.assertEqual(client.rcpt('d@y.test')[0], 250)
        self.server.wait_event(lambda e: e.get('event') == 'faults' and e.get('rules') == 0)
        # Mailpit's chaos triggers are told as well.
        status, text = self.curl_json(
            'PUT', '/api/v1/chaos',
            json.dumps({'Recipient': {'ErrorCode': 451, 'Probability': 100}}))
        self.assertEqual(status, 200, text)
        self.assertEqual(client.rcpt('e@y.test')[0], 451)
        told = sum(1 for e in self.server.events if e.get('event') == 'faults')
        seen = []
        self.server.wait_event(lambda e: e.get('event') == 'faults'
                               and (seen.append(e) or len(seen) > told))


class BadRuleTests(unittest.TestCase):
    def test_bad_rule_is_exit_2_naming_it(self):
        result = base.letterbox('--headless', '--listen', '127.0.0.1:0', '--api-listen', 'off',
                                '--fault', 'rcpt:*:550', '--fault', 'rcpt:*:250 fine')
        self.assertEqual(result.returncode, 2)
        stderr = result.stderr.decode('utf-8')
        self.assertIn('--fault 2', stderr)
        self.assertIn('400 to 599', stderr)


if __name__ == '__main__':
    unittest.main()
