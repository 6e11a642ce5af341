import { z } from 'zod';
import { badParameter, HttpError } from '../errors';
import { defineRoute } from '../framework/route';
import type { RouteDeps } from '../framework/route';
import type { LoadedRowsFeed } from '../stream/loaded-rows-feed';
import { parseEventId, serveTransactionStream } from '../stream/sse';
import { resolveScreenerFilters, screenerFilterShape } from './screener-filters';

export interface StreamDeps extends RouteDeps {
  /** Absent when the API runs without Redis (tests of other routes): /stream answers 503. */
  feed?: LoadedRowsFeed;
}

export const stream = defineRoute({
  name: 'stream',
  path: '/api/v1/stream',
  tag: 'Screener',
  summary: 'Server-Sent Events of newly loaded transactions, with the screener’s filters',
  description:
    'Each `transaction` event carries one newly loaded row (the ScreenerRow shape) and an `id`. Reconnect with the `Last-Event-ID` header (EventSource does this by itself) or `last_event_id` to resume right after that event, without gaps: the API keeps the recent loads in a capped Redis stream; if the resume point is older than what is kept, a `gap` event says so (re-query /screener for that interval). No default date window applies. Comment lines keep the connection alive every 15 s.',
  query: z.object({
    ...screenerFilterShape,
    last_event_id: z
      .string()
      .max(64)
      .meta({ description: 'Resume after this event id (the Last-Event-ID header wins)' })
      .optional(),
  }),
  alsoProduces: { 'text/event-stream': { description: 'Events `transaction` (and `gap`), each with an id' } },
  notFound: 'A ticker, CIK or insider nothing is known of',
  response: z
    .string()
    .meta({ description: 'The route answers text/event-stream only (see the description)' }),
  async handler({ query, deps, ctx }) {
    const { feed } = deps as StreamDeps;
    const rawId = ctx.get('last-event-id') || query.last_event_id;
    const resumeFrom = rawId ? parseEventId(rawId) : null;
    if (rawId && !resumeFrom) {
      throw badParameter(
        ctx.get('last-event-id') ? 'Last-Event-ID' : 'last_event_id',
        `is not an event id of this stream (like 1764630000000-0:3): "${rawId}"`,
      );
    }
    const { filters } = await resolveScreenerFilters(deps, query, { marketWindow: false });
    if (!feed) {
      throw new HttpError(503, 'the event stream needs Redis, which this API process runs without');
    }
    await serveTransactionStream(ctx, { pool: deps.pool, feed, logger: deps.logger }, filters, resumeFrom);
    return undefined;
  },
});

export const STREAM_ROUTES = [stream];
