// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
//
// The Mailpit client library from npm (mailpit-api), used unchanged, against a running
// Letterbox. ../test_api_npm.py starts the server, delivers the messages below over SMTP and
// runs this script; it can also be run by hand against any Mailpit-compatible server holding
// those messages.
//
// Environment: LETTERBOX_API_URL (http://127.0.0.1:PORT), optionally LETTERBOX_API_USER and
// LETTERBOX_API_PASSWORD for Basic auth, and LETTERBOX_SMTP_PORT (the server's SMTP port on
// 127.0.0.1, for the chaos check, which sends RCPT commands to see the triggers work).
//
// Delivered beforehand, oldest first (subject: what it holds):
//   "Welcome Ann": From "Shop <shop@example.test>", To "Ann <ann@example.test>", envelope
//       recipient hidden@example.test too (a Bcc); text and HTML bodies with WELCOME_LINK;
//       attachment report.txt (text/plain) holding REPORT_CONTENT.
//   "Invoice 7": from billing@example.test to bob@example.test.
//   "Obsolete notice": from noreply@example.test to carol@example.test.
//   "Remove me": from noreply@example.test to dave@example.test.
//
// Every call is a check of its own; a failed check does not stop the others. Prints one
// "ok - NAME" or "not ok - NAME: WHY" line per check, then "N passed, N failed"; exits 1 when
// any check failed.

import { MailpitClient } from 'mailpit-api';
import net from 'node:net';

const WELCOME_LINK = 'https://app.example.test/confirm?token=abc123';
const REPORT_CONTENT = 'quarterly numbers\n';

const baseURL = process.env.LETTERBOX_API_URL;
if (!baseURL || !baseURL.startsWith('http://127.0.0.1:')) {
    console.error('LETTERBOX_API_URL must be http://127.0.0.1:PORT');
    process.exit(2);
}
const auth = process.env.LETTERBOX_API_USER
    ? { username: process.env.LETTERBOX_API_USER, password: process.env.LETTERBOX_API_PASSWORD ?? '' }
    : undefined;
const mailpit = new MailpitClient(baseURL, { auth });

let passed = 0;
let failed = 0;
const done = new Set();

function assert(condition, message) {
    if (!condition)
        throw new Error(message);
}

// JSON with object keys sorted, so that key order does not count.
function canonical(value) {
    return JSON.stringify(value, (key, v) => (v && typeof v === 'object' && !Array.isArray(v)
        ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
        : v));
}

function assertEqual(actual, expected, what) {
    const a = canonical(actual);
    const e = canonical(expected);
    assert(a === e, `${what}: expected ${e}, got ${a}`);
}

// Runs one check unless a check it needs has failed.
async function check(name, needs, body) {
    const missing = needs.filter((n) => !done.has(n));
    if (missing.length) {
        failed++;
        console.log(`not ok - ${name}: not run, it needs ${missing.join(', ')}`);
        return;
    }
    try {
        await body();
        passed++;
        done.add(name);
        console.log(`ok - ${name}`);
    } catch (error) {
        failed++;
        const why = error instanceof Error ? error.message : String(error);
        console.log(`not ok - ${name}: ${why.trim()}`);
    }
}

const IDS = 'the message IDs from listMessages';
const ids = {}; // subject -> ID
const PART = 'the attachment PartID from getMessageSummary';
let attachmentPart = null;

await check('getInfo', [], async () => {
    const info = await mailpit.getInfo();
    assertEqual(info.Messages, 4, 'Messages');
    assertEqual(info.Unread, 4, 'Unread');
    assert(typeof info.Version === 'string' && info.Version.length > 0, 'Version is empty');
});

await check('listMessages', [], async () => {
    const list = await mailpit.listMessages();
    assertEqual([list.total, list.unread, list.count, list.messages_count, list.start],
        [4, 4, 4, 4, 0], '[total, unread, count, messages_count, start]');
    assertEqual(list.tags, [], 'tags');
    assertEqual(list.messages.map((m) => m.Subject),
        ['Remove me', 'Obsolete notice', 'Invoice 7', 'Welcome Ann'], 'subjects, newest first');
    for (const message of list.messages) {
        assert(typeof message.ID === 'string' && message.ID.length > 0, 'ID is not a string');
        assert(!Number.isNaN(Date.parse(message.Created)), `Created ${message.Created} is not a time`);
        ids[message.Subject] = message.ID;
    }
    done.add(IDS); // the checks below use the IDs even if a field of the list is wrong
    const welcome = list.messages[3];
    assertEqual(welcome.From, { Name: 'Shop', Address: 'shop@example.test' }, 'From');
    assertEqual(welcome.To, [{ Name: 'Ann', Address: 'ann@example.test' }], 'To');
    assertEqual(welcome.Attachments, 1, 'Attachments (a count in a list)');
    assertEqual(welcome.Read, false, 'Read');
    assert(welcome.Snippet.includes('Welcome aboard'), `Snippet: ${welcome.Snippet}`);
});

await check('listMessages paging', [IDS], async () => {
    const first = await mailpit.listMessages(0, 3);
    const rest = await mailpit.listMessages(3, 3);
    assertEqual([first.count, first.start, rest.count, rest.start, rest.total], [3, 0, 1, 3, 4],
        '[count, start] of two pages, total');
    assertEqual(rest.messages[0].ID, ids['Welcome Ann'], 'the last page holds the oldest');
});

await check('searchMessages', [IDS], async () => {
    const bySubject = await mailpit.searchMessages({ query: 'subject:Invoice' });
    assertEqual(bySubject.messages.map((m) => m.ID), [ids['Invoice 7']], 'subject:Invoice');
    assertEqual([bySubject.messages_count, bySubject.total], [1, 4], '[messages_count, total]');
    const byAddress = await mailpit.searchMessages({ query: 'from:noreply@example.test' });
    assertEqual(byAddress.messages.map((m) => m.Subject), ['Remove me', 'Obsolete notice'],
        'from:noreply@example.test');
    const phrase = await mailpit.searchMessages({ query: '"Welcome aboard"', limit: 10, start: 0 });
    assertEqual(phrase.messages.map((m) => m.ID), [ids['Welcome Ann']], 'a quoted phrase');
});

await check('waitForMessages', [IDS], async () => {
    // The library's own polling helper, over search.
    const result = await mailpit.waitForMessages({ query: 'to:bob@example.test', count: 1 },
        { timeout: 10000, interval: 100 });
    assertEqual(result.messages.map((m) => m.ID), [ids['Invoice 7']], 'to:bob@example.test');
});

await check('getMessageSummary', [IDS], async () => {
    const message = await mailpit.getMessageSummary(ids['Welcome Ann']);
    attachmentPart = message.Attachments?.[0]?.PartID ?? null;
    if (attachmentPart !== null)
        done.add(PART);
    assertEqual(message.ID, ids['Welcome Ann'], 'ID');
    assertEqual(message.Subject, 'Welcome Ann', 'Subject');
    assertEqual(message.From, { Name: 'Shop', Address: 'shop@example.test' }, 'From');
    assertEqual(message.Bcc, [{ Name: '', Address: 'hidden@example.test' }], 'Bcc (from the envelope)');
    assertEqual(message.MessageID, 'welcome-1@example.test', 'MessageID');
    assert(message.Text.includes(WELCOME_LINK), `Text lacks the link: ${message.Text}`);
    assert(message.HTML.includes(`href="${WELCOME_LINK}"`), `HTML lacks the link: ${message.HTML}`);
    assertEqual(message.Attachments.length, 1, 'Attachments');
    const [part] = message.Attachments;
    assertEqual([part.FileName, part.ContentType], ['report.txt', 'text/plain'],
        '[FileName, ContentType]');
    assert(typeof part.PartID === 'string' && part.PartID.length > 0, 'PartID is not a string');
    // As in Mailpit, reading the summary marks the message read.
    const list = await mailpit.listMessages();
    assertEqual(list.messages.find((m) => m.ID === ids['Welcome Ann']).Read, true, 'Read afterwards');
    assertEqual(list.unread, 3, 'unread afterwards');
});

await check('getMessageSummary latest', [IDS], async () => {
    const latest = await mailpit.getMessageSummary();
    assertEqual(latest.ID, ids['Remove me'], 'latest is the newest');
});

await check('getMessageAttachment', [PART], async () => {
    const blob = await mailpit.getMessageAttachment(ids['Welcome Ann'], attachmentPart);
    assertEqual(await blob.text(), REPORT_CONTENT, 'content');
    assert(blob.type.startsWith('text/plain'), `type ${blob.type}`);
});

await check('getMessageHeaders', [IDS], async () => {
    const headers = await mailpit.getMessageHeaders(ids['Welcome Ann']);
    assertEqual(headers.Subject, ['Welcome Ann'], 'Subject');
    assertEqual(headers['Message-ID'] ?? headers['Message-Id'], ['<welcome-1@example.test>'], 'Message-ID');
    assert(Array.isArray(headers.Received) && headers.Received.length >= 1, 'no Received header');
});

await check('getMessageSource', [IDS], async () => {
    const source = await mailpit.getMessageSource(ids['Invoice 7']);
    assert(/^Received: /.test(source), 'does not start with the Received header Letterbox adds');
    assert(source.includes('\nSubject: Invoice 7\r\n'), 'no Subject line');
    assert(source.includes('Amount due: 7 EUR'), 'no body');
});

await check('renderMessageHTML', [IDS], async () => {
    const html = await mailpit.renderMessageHTML(ids['Welcome Ann']);
    assert(html.includes(`href="${WELCOME_LINK}"`), `no link in ${html}`);
});

await check('renderMessageText', [IDS], async () => {
    const text = await mailpit.renderMessageText(ids['Welcome Ann']);
    assert(text.includes('Welcome aboard') && text.includes(WELCOME_LINK), `text: ${text}`);
});

async function unreadOf(subjects) {
    const list = await mailpit.listMessages();
    return subjects.map((s) => !list.messages.find((m) => m.ID === ids[s]).Read);
}

await check('setReadStatus by IDs', [IDS], async () => {
    assertEqual(await mailpit.setReadStatus({ IDs: [ids['Invoice 7']], Read: true }), 'ok\n', 'answer');
    assertEqual(await unreadOf(['Invoice 7', 'Obsolete notice']), [false, true],
        'unread [Invoice, Obsolete]');
    await mailpit.setReadStatus({ IDs: [ids['Invoice 7']], Read: false });
    assertEqual(await unreadOf(['Invoice 7']), [true], 'unread again');
});

await check('setReadStatus all', [IDS], async () => {
    await mailpit.setReadStatus({ Read: true });
    assertEqual((await mailpit.listMessages()).unread, 0, 'unread after all read');
    await mailpit.setReadStatus();
    assertEqual((await mailpit.listMessages()).unread, 4, 'unread after all unread');
});

await check('setReadStatus by Search', [IDS], async () => {
    await mailpit.setReadStatus({ Search: 'subject:Obsolete', Read: true });
    assertEqual(await unreadOf(['Obsolete notice', 'Invoice 7']), [false, true],
        'unread [Obsolete, Invoice]');
});

await check('deleteMessages by IDs', [IDS], async () => {
    assertEqual(await mailpit.deleteMessages({ IDs: [ids['Remove me']] }), 'ok\n', 'answer');
    const list = await mailpit.listMessages();
    assert(!list.messages.some((m) => m.ID === ids['Remove me']), 'still listed');
    let status = 'no error';
    try {
        await mailpit.getMessageSummary(ids['Remove me']);
    } catch (error) {
        status = error.message;
    }
    assert(status.includes(' 404 '), `a deleted message's summary: ${status}`);
});

await check('deleteMessagesBySearch', [IDS], async () => {
    await mailpit.deleteMessagesBySearch({ query: 'subject:Obsolete' });
    const list = await mailpit.listMessages();
    assert(!list.messages.some((m) => m.ID === ids['Obsolete notice']), 'still listed');
    assert(list.messages.some((m) => m.ID === ids['Invoice 7']), 'deleted too much');
});

let sentId = null;
await check('sendMessage', [], async () => {
    const result = await mailpit.sendMessage({
        From: { Email: 'app@example.test', Name: 'The App' },
        To: [{ Email: 'erin@example.test', Name: 'Erin' }],
        Cc: [{ Email: 'frank@example.test' }],
        Bcc: ['grace@example.test'],
        Subject: 'Sent through the API',
        Text: 'Hello from the send API',
        HTML: '<p>Hello from the <b>send</b> API</p>',
        Headers: { 'X-Test-Run': 'npm' },
        Attachments: [{ Filename: 'data.csv', ContentType: 'text/csv', Content: Buffer.from('a,b\n1,2\n').toString('base64') }],
    });
    assert(typeof result.ID === 'string' && result.ID.length > 0, `ID: ${JSON.stringify(result)}`);
    sentId = result.ID;
});

await check('sendMessage stored', ['sendMessage'], async () => {
    const message = await mailpit.getMessageSummary(sentId);
    assertEqual(message.Subject, 'Sent through the API', 'Subject');
    assertEqual(message.From, { Name: 'The App', Address: 'app@example.test' }, 'From');
    assertEqual(message.To, [{ Name: 'Erin', Address: 'erin@example.test' }], 'To');
    assertEqual(message.Cc.map((a) => a.Address), ['frank@example.test'], 'Cc');
    assertEqual(message.Bcc.map((a) => a.Address), ['grace@example.test'], 'Bcc');
    assert(message.Text.includes('Hello from the send API'), `Text: ${message.Text}`);
    assertEqual(message.Attachments.map((a) => a.FileName), ['data.csv'], 'Attachments');
    const blob = await mailpit.getMessageAttachment(sentId, message.Attachments[0].PartID);
    assertEqual(await blob.text(), 'a,b\n1,2\n', 'attachment content');
    const headers = await mailpit.getMessageHeaders(sentId);
    assertEqual(headers['X-Test-Run'], ['npm'], 'X-Test-Run');
});

await check('deleteMessages all', [], async () => {
    await mailpit.deleteMessages();
    const list = await mailpit.listMessages();
    assertEqual([list.total, list.count, list.messages], [0, 0, []], '[total, count, messages]');
});

// One SMTP dialogue on 127.0.0.1 up to RCPT TO:<to>; resolves with the RCPT reply's code.
function rcptCode(to) {
    const port = Number(process.env.LETTERBOX_SMTP_PORT);
    return new Promise((resolve, reject) => {
        const socket = net.createConnection({ host: '127.0.0.1', port });
        const commands = ['EHLO npm.test', 'MAIL FROM:<chaos@npm.test>', `RCPT TO:<${to}>`];
        let buffer = '';
        let replies = 0;
        socket.setTimeout(10000, () => socket.destroy(new Error('SMTP timed out')));
        socket.on('error', reject);
        socket.on('data', (chunk) => {
            buffer += chunk.toString('latin1');
            let end;
            while ((end = buffer.indexOf('\r\n')) >= 0) {
                const line = buffer.slice(0, end);
                buffer = buffer.slice(end + 2);
                if (line[3] === '-')
                    continue; // a reply goes on
                replies++;
                if (replies > commands.length) {
                    socket.end('QUIT\r\n');
                    resolve(Number(line.slice(0, 3)));
                    return;
                }
                socket.write(commands[replies - 1] + '\r\n');
            }
        });
    });
}

await check('setChaosTriggers', [], async () => {
    assert(process.env.LETTERBOX_SMTP_PORT, 'LETTERBOX_SMTP_PORT is not set');
    const before = await mailpit.getChaosTriggers();
    assertEqual(before.Recipient, { ErrorCode: 451, Probability: 0 }, 'Recipient before');
    assertEqual(await rcptCode('calm@example.test'), 250, 'RCPT before chaos');
    const set = await mailpit.setChaosTriggers({ Recipient: { ErrorCode: 452, Probability: 100 } });
    assertEqual(set.Recipient, { ErrorCode: 452, Probability: 100 }, 'Recipient after setting');
    assertEqual(set.Sender.Probability, 0, 'Sender left out is off');
    assertEqual(await rcptCode('chaos@example.test'), 452, 'RCPT with the trigger at 100 %');
    const cleared = await mailpit.setChaosTriggers();
    assertEqual(cleared.Recipient.Probability, 0, 'Recipient after clearing');
    assertEqual(await rcptCode('calm@example.test'), 250, 'RCPT after clearing');
});

console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
