import { readFileSync } from 'node:fs';
import path from 'node:path';
import { APIConnectionTimeoutError, AuthenticationError, InternalServerError, RateLimitError } from 'openai';
import { askModel, ProviderAuthError } from './llm-analyst';
import type { ChatAnswer, ChatClient, LlmSettings } from './llm-analyst';
import type { AnalysisRequest } from './model';
import { buildPrompt } from './prompt';
import type { ChatMessage } from './prompt';
import { readPromptTemplate } from './prompt-template';

const request = JSON.parse(
  readFileSync(path.join(__dirname, 'fixtures', 'ceo-first-purchase.request.json'), 'utf8'),
) as AnalysisRequest;
const prompt = buildPrompt(readPromptTemplate(), request);
const settings: LlmSettings = { model: 'test-model', maxOutputTokens: 500, inputPrice: 1, outputPrice: 2 };
const ACC = '0009995001-26-000231';
const good = JSON.stringify({
  sentiment: 'bullish',
  summary: 'The CEO bought $197,193 of KGRD, her first purchase since 2023.',
  keyFindings: ['First open-market purchase since 2023-09-12'],
  citedRows: [{ accessionNumber: ACC, position: 0 }],
  citedFootnotes: [],
});

const answer = (content: string, usage = { prompt_tokens: 1000, completion_tokens: 100 }): ChatAnswer => ({
  choices: [{ finish_reason: 'stop', message: { content } }],
  usage,
});

/** A client that plays back one scripted reply (or error) per call and records what it was sent. */
function scripted(...replies: (ChatAnswer | Error)[]): ChatClient & { sent: ChatMessage[][] } {
  const sent: ChatMessage[][] = [];
  return {
    sent,
    chat: {
      completions: {
        create(body) {
          sent.push(body.messages);
          const reply = replies.shift();
          if (!reply) {
            throw new Error('no more scripted replies');
          }
          return reply instanceof Error ? Promise.reject(reply) : Promise.resolve(reply);
        },
      },
    },
  };
}

describe('askModel', () => {
  it('returns a valid answer with its tokens and the priced cost', async () => {
    const outcome = await askModel(scripted(answer(good)), settings, prompt, request);
    expect(outcome).toMatchObject({ ok: true, usage: { tokensIn: 1000, tokensOut: 100, attempts: 1 } });
    expect(outcome.usage.costUsd).toBeCloseTo((1000 * 1 + 100 * 2) / 1e6, 12);
  });

  it('prefers the cost the provider reports (OpenRouter usage.cost)', async () => {
    const client = scripted(answer(good, { prompt_tokens: 10, completion_tokens: 5, cost: 0.0042 } as never));
    expect((await askModel(client, settings, prompt, request)).usage.costUsd).toBe(0.0042);
  });

  it('repairs an invalid answer once, sending back the answer and what was wrong', async () => {
    const client = scripted(answer('Sure! It is bullish.'), answer(good));
    const outcome = await askModel(client, settings, prompt, request);
    expect(outcome).toMatchObject({ ok: true, usage: { attempts: 2, tokensIn: 2000, tokensOut: 200 } });
    const repair = client.sent[1]!;
    expect(repair.slice(0, 2)).toEqual(prompt.messages);
    expect(repair[2]).toEqual({ role: 'assistant', content: 'Sure! It is bullish.' });
    expect(repair[3]!.content).toMatch(/^That answer was rejected: not valid JSON/);
  });

  it('fails with the reason when the repaired answer is still wrong', async () => {
    const badCitation = JSON.stringify({
      ...JSON.parse(good),
      citedRows: [{ accessionNumber: ACC, position: 5 }],
    });
    const outcome = await askModel(
      scripted(answer(badCitation), answer(badCitation)),
      settings,
      prompt,
      request,
    );
    expect(outcome).toMatchObject({ ok: false, code: 'invalid_citation', usage: { attempts: 2 } });
    expect(outcome.ok ? '' : outcome.message).toContain('after one repair attempt');
    expect(outcome.ok ? '' : outcome.message).toContain(`row 5 of ${ACC} does not exist`);
  });

  it.each([
    ['a timeout', new APIConnectionTimeoutError(), 'timeout'],
    [
      '429 after the retries',
      new RateLimitError(429, undefined, 'Rate limit reached', new Headers()),
      'rate_limited',
    ],
    [
      '503 after the retries',
      new InternalServerError(503, undefined, 'Service Unavailable', new Headers()),
      'server_error',
    ],
  ])('turns %s into a failed outcome, not an exception', async (_what, error, code) => {
    const outcome = await askModel(scripted(error), settings, prompt, request);
    expect(outcome).toMatchObject({ ok: false, code, usage: { attempts: 1 } });
  });

  it('reports a refusal and a content filter stop as such', async () => {
    const refusal: ChatAnswer = {
      choices: [{ finish_reason: 'stop', message: { content: null, refusal: 'No.' } }],
    };
    expect(await askModel(scripted(refusal), settings, prompt, request)).toMatchObject({
      ok: false,
      code: 'refused',
    });
    const filtered: ChatAnswer = { choices: [{ finish_reason: 'content_filter', message: { content: '' } }] };
    expect(await askModel(scripted(filtered), settings, prompt, request)).toMatchObject({
      ok: false,
      code: 'content_filter',
    });
  });

  it('throws on a refused API key: every other request would fail the same way', async () => {
    const denied = new AuthenticationError(401, undefined, 'Incorrect API key', new Headers());
    await expect(askModel(scripted(denied), settings, prompt, request)).rejects.toBeInstanceOf(
      ProviderAuthError,
    );
  });
});
