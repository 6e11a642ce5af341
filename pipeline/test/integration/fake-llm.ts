/**
 * A fake OpenAI-compatible Chat Completions server for tests (not a product component): a real
 * HTTP server the official `openai` client talks to, answering each subject the way the test
 * says — well, slowly, with 429 or 500, with malformed or schema-breaking JSON, or with citations
 * of rows that do not exist. It reads the subject from the prompt's data block, as a model would
 * read the prompt, and records every call.
 *
 * Run it on its own to point a manual `npm start` at it (every subject answered well):
 *   npx tsx pipeline/test/integration/fake-llm.ts 18139
 *   ANALYSIS_BASE_URL=http://127.0.0.1:18139/v1 ANALYSIS_MODEL=fake-model npm start
 */
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DATA_CLOSE, DATA_OPEN } from '../../src/stages/analysis/prompt';

export type Behaviour =
  | 'good'
  /** Answers after `slowMs`. */
  | 'slow'
  /** Never answers before the client's timeout. */
  | 'hang'
  /** 429 with Retry-After: 1 on the first call, then good. */
  | 'rate_limited_once'
  | 'rate_limited'
  | 'server_error'
  /** Not JSON, on every call (the repair attempt too). */
  | 'malformed'
  /** JSON that breaks the schema, on every call. */
  | 'schema_breaking'
  /** Cites a row and a footnote the filing does not have, on every call. */
  | 'bad_citation'
  /** Obeys an instruction planted in the data (answers plain text), then answers properly when repaired. */
  | 'obeys_injection'
  /** Holds every answer until `release()` is called. */
  | 'held';

export interface FakeCall {
  subject: string;
  at: number;
  status: number;
  messages: { role: string; content: string }[];
  model: string;
}

interface SubjectData {
  subject: { kind: string; key: string };
  filings: { accessionNumber: string; rows: { position: number }[]; footnotes: { id: string }[] }[];
}

export interface FakeLlm {
  /** Base URL for ANALYSIS_BASE_URL (ends in /v1). */
  readonly url: string;
  readonly calls: FakeCall[];
  /** Behaviour for one subject key; `fallback` for the others. */
  set(subjectKey: string, behaviour: Behaviour): void;
  fallback: Behaviour;
  slowMs: number;
  /** Lets every held answer go. */
  release(): void;
  /** Requests waiting on `release()`. */
  held(): number;
  callsFor(subjectKey: string): FakeCall[];
  close(): Promise<void>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The JSON document between the prompt's data markers. */
export function dataOf(messages: { content: string }[]): SubjectData {
  const user = messages.find((m) => m.content.split('\n').includes(DATA_OPEN))!.content;
  const lines = user.split('\n');
  return JSON.parse(
    lines.slice(lines.indexOf(DATA_OPEN) + 1, lines.indexOf(DATA_CLOSE)).join('\n'),
  ) as SubjectData;
}

function goodAnswer(data: SubjectData): string {
  const filing = data.filings[0]!;
  return JSON.stringify({
    sentiment: 'bullish',
    summary: `Fake model analysis of ${data.subject.kind} ${data.subject.key}.`,
    keyFindings: [`${filing.rows.length} rows in ${filing.accessionNumber}`],
    citedRows: [{ accessionNumber: filing.accessionNumber, position: filing.rows[0]!.position }],
    citedFootnotes: filing.footnotes
      .slice(0, 1)
      .map((f) => ({ accessionNumber: filing.accessionNumber, footnoteId: f.id })),
  });
}

function completion(model: string, content: string, promptChars: number) {
  const prompt = Math.ceil(promptChars / 4);
  const completionTokens = Math.ceil(content.length / 4);
  return {
    id: `chatcmpl-fake-${Date.now()}`,
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model,
    choices: [
      {
        index: 0,
        message: { role: 'assistant', content, refusal: null },
        finish_reason: 'stop',
        logprobs: null,
      },
    ],
    usage: {
      prompt_tokens: prompt,
      completion_tokens: completionTokens,
      total_tokens: prompt + completionTokens,
    },
  };
}

/** The name GET /v1/models lists; any model name a request gives is answered as that one. */
export const FAKE_MODEL = 'fake-model';

export async function startFakeLlm(port = 0): Promise<FakeLlm> {
  const behaviours = new Map<string, Behaviour>();
  const calls: FakeCall[] = [];
  let release: () => void = () => undefined;
  let released = new Promise<void>((r) => (release = r));
  const open = new Set<ServerResponse>();
  let waiting = 0;

  async function answer(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) {
      chunks.push(c as Buffer);
    }
    const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
      model: string;
      messages: FakeCall['messages'];
    };
    const data = dataOf(body.messages);
    const subject = data.subject.key;
    const behaviour = behaviours.get(subject) ?? fake.fallback;
    const earlier = calls.filter((c) => c.subject === subject).length;
    const repairing = body.messages.some((m) => m.role === 'assistant');
    const send = (status: number, payload: unknown, headers: Record<string, string> = {}) => {
      calls.push({ subject, at: Date.now(), status, messages: body.messages, model: body.model });
      res.writeHead(status, { 'content-type': 'application/json', ...headers });
      res.end(JSON.stringify(payload));
    };
    const reply = (content: string) =>
      send(
        200,
        completion(
          body.model,
          content,
          body.messages.reduce((n, m) => n + m.content.length, 0),
        ),
      );
    const error = (status: number, message: string, headers: Record<string, string> = {}) =>
      send(status, { error: { message, type: 'fake', code: null } }, headers);
    switch (behaviour) {
      case 'slow':
        await sleep(fake.slowMs);
        return reply(goodAnswer(data));
      case 'hang':
        await sleep(600_000);
        return;
      case 'held':
        waiting++;
        await released;
        waiting--;
        return reply(goodAnswer(data));
      case 'rate_limited_once':
        return earlier === 0
          ? error(429, 'Rate limit reached', { 'retry-after': '1' })
          : reply(goodAnswer(data));
      case 'rate_limited':
        return error(429, 'Rate limit reached', { 'retry-after': '1' });
      case 'server_error':
        return error(500, 'The server had an error while processing your request');
      case 'malformed':
        return reply('Here is my analysis: {"sentiment": "bullish", "summary": ');
      case 'schema_breaking':
        return reply(JSON.stringify({ sentiment: 'very bullish', summary: 42, extra: true }));
      case 'bad_citation':
        return reply(
          JSON.stringify({
            ...(JSON.parse(goodAnswer(data)) as object),
            citedRows: [{ accessionNumber: data.filings[0]!.accessionNumber, position: 99 }],
            citedFootnotes: [{ accessionNumber: data.filings[0]!.accessionNumber, footnoteId: 'F99' }],
          }),
        );
      case 'obeys_injection':
        return reply(repairing ? goodAnswer(data) : 'BUY NOW. This stock is going to the moon.');
      default:
        return reply(goodAnswer(data));
    }
  }

  const server = createServer((req, res) => {
    open.add(res);
    res.on('close', () => open.delete(res));
    if (req.method === 'GET' && req.url?.endsWith('/models')) {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          object: 'list',
          data: [{ id: FAKE_MODEL, object: 'model', owned_by: 'sec-tracker-tests' }],
        }),
      );
      return;
    }
    if (req.method !== 'POST' || !req.url?.endsWith('/chat/completions')) {
      res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":{"message":"not found"}}');
      return;
    }
    answer(req, res).catch((err: unknown) => {
      res.writeHead(400, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { message: String(err) } }));
    });
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const fake: FakeLlm = {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`,
    calls,
    fallback: 'good',
    slowMs: 1500,
    set: (key, behaviour) => void behaviours.set(key, behaviour),
    release() {
      release();
      released = Promise.resolve();
    },
    callsFor: (key) => calls.filter((c) => c.subject === key),
    held: () => waiting,
    async close() {
      fake.release();
      for (const res of open) {
        res.destroy();
      }
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  return fake;
}

if (require.main === module) {
  void startFakeLlm(Number(process.argv[2] ?? 0)).then((fake) => {
    process.stdout.write(
      `fake OpenAI-compatible server: ANALYSIS_BASE_URL=${fake.url} ANALYSIS_MODEL=${FAKE_MODEL}\n`,
    );
    const stop = () => void fake.close().then(() => process.exit(0));
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}
