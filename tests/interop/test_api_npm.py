#!/usr/bin/env python3
# SPDX-FileCopyrightText: 2026 The Letterbox developers
# SPDX-License-Identifier: MIT
"""Interop: the Mailpit client library from npm (mailpit-api, pinned in npm/package-lock.json),
used unchanged, against the real headless binary.

The library is installed with `npm ci` into a temporary folder from the committed package.json
and package-lock.json; a machine without node, npm or the npm registry fails this test rather
than skipping it. The messages are delivered over SMTP with smtplib; npm/mailpit_client_test.mjs
then drives the library through list, search, summary, part, headers, raw, view, read status,
delete and send, and names every call that failed. Only 127.0.0.1 is contacted by the test
itself (npm ci reaches the registry).
"""

import email.message
import email.policy
import os
import shutil
import smtplib
import subprocess
import tempfile
import unittest

import test_interop as base
from test_interop import setUpModule, tearDownModule, ServerTestCase  # noqa: F401

NPM_DIR = os.path.join(base.HERE, 'npm')
SCRIPT = 'mailpit_client_test.mjs'
NPM_TIMEOUT = 300.0     # seconds for npm ci (a cold cache downloads the package)
SCRIPT_TIMEOUT = 120.0  # seconds for the whole client script

API_USER, API_PASSWORD = 'tester', 's3cret'

# Must match the constants of npm/mailpit_client_test.mjs.
WELCOME_LINK = 'https://app.example.test/confirm?token=abc123'
REPORT_CONTENT = 'quarterly numbers\n'


def message(subject, sender, to, text, message_id, html=None, attachment=None):
    mail = email.message.EmailMessage(policy=email.policy.SMTP)
    mail['From'] = sender
    mail['To'] = to
    mail['Subject'] = subject
    mail['Date'] = 'Mon, 02 Nov 2026 10:00:00 +0000'
    mail['Message-ID'] = '<%s>' % message_id
    mail.set_content(text)
    if html is not None:
        mail.add_alternative(html, subtype='html')
    if attachment is not None:
        name, content = attachment
        mail.add_attachment(content.encode(), maintype='text', subtype='plain', filename=name)
    return mail.as_bytes()


# (envelope sender, envelope recipients, message), oldest first, as the script expects them.
MESSAGES = [
    ('shop@example.test', ['ann@example.test', 'hidden@example.test'],
     message('Welcome Ann', 'Shop <shop@example.test>', 'Ann <ann@example.test>',
             'Welcome aboard! Confirm your address: %s\n' % WELCOME_LINK, 'welcome-1@example.test',
             html='<p>Welcome aboard! <a href="%s">Confirm your address</a></p>\n' % WELCOME_LINK,
             attachment=('report.txt', REPORT_CONTENT))),
    ('billing@example.test', ['bob@example.test'],
     message('Invoice 7', 'billing@example.test', 'bob@example.test', 'Amount due: 7 EUR\n',
             'invoice-7@example.test')),
    ('noreply@example.test', ['carol@example.test'],
     message('Obsolete notice', 'noreply@example.test', 'carol@example.test',
             'This no longer applies.\n', 'obsolete-1@example.test')),
    ('noreply@example.test', ['dave@example.test'],
     message('Remove me', 'noreply@example.test', 'dave@example.test', 'Delete this one.\n',
             'remove-1@example.test')),
]


class NpmMailpitClientTests(ServerTestCase):
    """mailpit-api against Letterbox, with Basic auth on."""

    # Server adds --api-listen 127.0.0.1:0 and reads the port from the listening event.
    server_args = ('--api-auth', '%s:%s' % (API_USER, API_PASSWORD))
    server_kwargs = {'tls': False, 'auth': False}

    @classmethod
    def setUpClass(cls):
        cls.node = base.require_tool('node')
        npm = base.require_tool('npm')
        cls.workdir = tempfile.mkdtemp(prefix='letterbox-npm-')
        for name in ('package.json', 'package-lock.json', SCRIPT):
            shutil.copy(os.path.join(NPM_DIR, name), cls.workdir)
        try:
            result = subprocess.run([npm, 'ci', '--ignore-scripts', '--no-audit', '--no-fund'],
                                    cwd=cls.workdir, capture_output=True, timeout=NPM_TIMEOUT)
        except subprocess.TimeoutExpired:
            shutil.rmtree(cls.workdir, ignore_errors=True)
            raise AssertionError('npm ci did not finish within %.0f s' % NPM_TIMEOUT)
        if result.returncode != 0:
            shutil.rmtree(cls.workdir, ignore_errors=True)
            raise AssertionError('npm ci failed (exit %d), so the Mailpit client library cannot '
                                 'be tested:\n%s%s' % (result.returncode,
                                                      result.stdout.decode('utf-8', 'replace'),
                                                      result.stderr.decode('utf-8', 'replace')))

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.workdir, ignore_errors=True)

    def deliver_all(self):
        with smtplib.SMTP('127.0.0.1', self.server.port, timeout=base.CLIENT_TIMEOUT) as smtp:
            for sender, recipients, data in MESSAGES:
                smtp.sendmail(sender, recipients, data)
        self.server.wait_message(len(MESSAGES))

    def test_mailpit_api_library(self):
        # The API's port must be the server's own (port 0), never the default 8025.
        self.assertIsNotNone(self.server.api_port)
        self.deliver_all()
        env = dict(base.CHILD_ENV,
                   LETTERBOX_API_URL='http://127.0.0.1:%d' % self.server.api_port,
                   LETTERBOX_API_USER=API_USER, LETTERBOX_API_PASSWORD=API_PASSWORD,
                   LETTERBOX_SMTP_PORT=str(self.server.port))
        try:
            result = subprocess.run([self.node, SCRIPT], cwd=self.workdir, env=env,
                                    capture_output=True, timeout=SCRIPT_TIMEOUT)
        except subprocess.TimeoutExpired as timeout:
            self.fail('the client script did not finish within %.0f s; it printed:\n%s'
                      % (SCRIPT_TIMEOUT, (timeout.stdout or b'').decode('utf-8', 'replace')))
        output = result.stdout.decode('utf-8', 'replace')
        failed = [line for line in output.splitlines() if line.startswith('not ok')]
        self.assertTrue(result.returncode == 0 and not failed and output.strip(),
                        'mailpit-api calls failed against Letterbox (exit %d):\n%s\n\n'
                        'full output:\n%s%s'
                        % (result.returncode, '\n'.join(failed), output,
                           result.stderr.decode('utf-8', 'replace')))


if __name__ == '__main__':
    unittest.main()
