import { AppConfig, RedisService } from '@app/core';
import { Injectable } from '@nestjs/common';

/** How many recent service times a booth remembers for its wait estimate. */
export const SERVICE_TIMES_KEPT = 20;

export type QueueMode = 'ONLINE' | 'ONSITE';

export interface QueueEntry {
  number: number;
  mode: QueueMode;
  /** 1 after the entry was skipped once (recalled next); a second miss is a no-show. */
  skips: number;
  joinedAt: number;
}

export interface CurrentCall extends QueueEntry {
  user: string;
  hr: string;
  calledAt: number;
  deadline: number;
  answeredAt: number | null;
}

export type CallOutcome = 'NONE' | 'SERVED' | 'SKIPPED' | 'NO_SHOW';

export interface CallNextResult {
  outcome: CallOutcome;
  previous: { user: string; number: number; mode: QueueMode; serviceMs: number | null } | null;
  next: { user: string; number: number; mode: QueueMode; recall: boolean } | null;
}

// Every script touches one booth's keys (and the seeker's set of booths), atomically.
const JOIN = `
local line, entries, cur, seq, mine = KEYS[1], KEYS[2], KEYS[3], KEYS[4], KEYS[5]
local booth, user, k, mode, now = ARGV[1], ARGV[2], tonumber(ARGV[3]), ARGV[4], tonumber(ARGV[5])
local e = redis.call('HGET', entries, user)
if e then return {'EXISTS', e} end
if redis.call('HGET', cur, 'user') == user then return {'CALLED', ''} end
if redis.call('SISMEMBER', mine, booth) == 0 and redis.call('SCARD', mine) >= k then return {'LIMIT', ''} end
local n = redis.call('INCR', seq)
local entry = cjson.encode({number = n, mode = mode, skips = 0, joinedAt = now})
redis.call('HSET', entries, user, entry)
redis.call('ZADD', line, n, user)
redis.call('SADD', mine, booth)
return {'JOINED', entry}`;

const LEAVE = `
local line, entries, cur, mine, handed = KEYS[1], KEYS[2], KEYS[3], KEYS[4], KEYS[5]
local booth, user = ARGV[1], ARGV[2]
local e = redis.call('HGET', entries, user)
redis.call('HDEL', entries, user)
redis.call('ZREM', line, user)
redis.call('HDEL', handed, user)
redis.call('SREM', mine, booth)
if redis.call('HGET', cur, 'user') == user then
  local number, mode = redis.call('HGET', cur, 'number'), redis.call('HGET', cur, 'mode')
  redis.call('DEL', cur)
  return {'CALLED', number, mode}
end
if e then
  local d = cjson.decode(e)
  return {'WAITING', tostring(d.number), d.mode}
end
return {'NONE', '', ''}`;

const CALL_NEXT = `
local line, entries, cur, times = KEYS[1], KEYS[2], KEYS[3], KEYS[4]
local booth, hr, now, answerMs, minePrefix, kept, expect = ARGV[1], ARGV[2], tonumber(ARGV[3]), tonumber(ARGV[4]), ARGV[5], tonumber(ARGV[6]), ARGV[7]
local flat = redis.call('HGETALL', cur)
local c = {}
for i = 1, #flat, 2 do c[flat[i]] = flat[i + 1] end
-- The answer deadline's own call (expect = the call's calledAt): only that call, and only while it is unanswered.
if expect ~= '' and (not c.user or c.calledAt ~= expect or c.answeredAt) then return {'STALE'} end
local outcome, serviceMs = 'NONE', ''
if c.user then
  if c.answeredAt then
    outcome = 'SERVED'
    serviceMs = now - tonumber(c.answeredAt)
    redis.call('LPUSH', times, serviceMs)
    redis.call('LTRIM', times, 0, kept - 1)
    redis.call('SREM', minePrefix .. c.user, booth)
  elseif now < tonumber(c.deadline) then
    return {'PENDING', tostring(tonumber(c.deadline) - now)}
  elseif tonumber(c.skips) == 0 then
    outcome = 'SKIPPED'
    -- Recalled once: back in the line right behind the next seeker.
    local firsts = redis.call('ZRANGE', line, 0, 1, 'WITHSCORES')
    local score = 0
    if #firsts == 2 then score = tonumber(firsts[2]) + 0.001
    elseif #firsts == 4 then score = (tonumber(firsts[2]) + tonumber(firsts[4])) / 2 end
    redis.call('ZADD', line, score, c.user)
    redis.call('HSET', entries, c.user, cjson.encode({number = tonumber(c.number), mode = c.mode, skips = 1, joinedAt = tonumber(c.joinedAt)}))
  else
    outcome = 'NO_SHOW'
    redis.call('SREM', minePrefix .. c.user, booth)
  end
  redis.call('DEL', cur)
end
local prev = {outcome, c.user or '', tostring(serviceMs), c.number or '', c.mode or ''}
local nxt = redis.call('ZRANGE', line, 0, 0)
if #nxt == 0 then
  table.insert(prev, '') table.insert(prev, '') table.insert(prev, '') table.insert(prev, '')
  return prev
end
local u = nxt[1]
local e = cjson.decode(redis.call('HGET', entries, u))
redis.call('ZREM', line, u)
redis.call('HDEL', entries, u)
redis.call('HSET', cur, 'user', u, 'number', e.number, 'mode', e.mode, 'skips', e.skips, 'joinedAt', e.joinedAt,
  'calledAt', now, 'deadline', now + answerMs, 'hr', hr)
table.insert(prev, u) table.insert(prev, tostring(e.number)) table.insert(prev, e.mode) table.insert(prev, tostring(e.skips))
return prev`;

const ANSWER = `
if redis.call('HGET', KEYS[1], 'user') ~= ARGV[1] then return 0 end
redis.call('HSETNX', KEYS[1], 'answeredAt', ARGV[2])
return 1`;

const HAND_OVER = `
local cur, handed, mine = KEYS[1], KEYS[2], KEYS[3]
local user, toHr, booth = ARGV[1], ARGV[2], ARGV[3]
if redis.call('HGET', cur, 'user') ~= user or not redis.call('HGET', cur, 'answeredAt') then return {'NO', ''} end
local number = redis.call('HGET', cur, 'number')
redis.call('DEL', cur)
redis.call('HSET', handed, user, toHr)
return {'OK', number}`;

/**
 * One queue per booth in Redis, shared by seekers on site (a number called on the hall screen and by SMS) and online
 * (a waiting screen): a sorted set of waiting seekers (arrival number as score), their entries, the seeker being
 * called / served, the seekers handed to a colleague's desk, the booth's recent service times, and per seeker the set of
 * booths they wait at (the K limit). Every change is one Lua script, so concurrent joins, calls and leaves on several
 * API processes never break the rules.
 */
@Injectable()
export class BoothQueueStore {
  private readonly prefix: string;

  constructor(
    private readonly redis: RedisService,
    config: AppConfig,
  ) {
    this.prefix = `${config.redis.queuePrefix}:fbq:`;
  }

  private k(boothId: string) {
    const b = `${this.prefix}b:${boothId}:`;
    return { line: `${b}line`, entries: `${b}e`, cur: `${b}cur`, seq: `${b}seq`, times: `${b}times`, handed: `${b}handed` };
  }
  private mine(userId: string) {
    return `${this.prefix}u:${userId}`;
  }

  async join(
    boothId: string,
    userId: string,
    maxQueues: number,
    mode: QueueMode,
    now: number,
  ): Promise<{ status: 'JOINED' | 'EXISTS' | 'CALLED' | 'LIMIT'; entry: QueueEntry | null }> {
    const k = this.k(boothId);
    const [status, entry] = (await this.redis.client.eval(
      JOIN,
      5,
      k.line,
      k.entries,
      k.cur,
      k.seq,
      this.mine(userId),
      boothId,
      userId,
      maxQueues,
      mode,
      now,
    )) as [string, string];
    return { status: status as 'JOINED', entry: entry ? (JSON.parse(entry) as QueueEntry) : null };
  }

  async leave(boothId: string, userId: string): Promise<{ was: 'CALLED' | 'WAITING' | 'NONE'; number: number | null; mode: QueueMode | null }> {
    const k = this.k(boothId);
    const [was, number, mode] = (await this.redis.client.eval(LEAVE, 5, k.line, k.entries, k.cur, this.mine(userId), k.handed, boothId, userId)) as string[];
    return { was: was as 'NONE', number: number ? Number(number) : null, mode: (mode || null) as QueueMode | null };
  }

  /** Ends the current turn (served, skipped or no-show) and calls the next seeker; `pendingMs` when the called one may still answer. */
  /**
   * Ends the current turn and calls the next seeker. With `expectCalledAt` (the answer deadline's job): only if that
   * call is still the current one and unanswered — otherwise `stale`, and nothing changes.
   */
  async callNext(
    boothId: string,
    hrUserId: string,
    now: number,
    answerMs: number,
    expectCalledAt?: number,
  ): Promise<CallNextResult | { pendingMs: number } | { stale: true }> {
    const k = this.k(boothId);
    const r = (await this.redis.client.eval(
      CALL_NEXT,
      4,
      k.line,
      k.entries,
      k.cur,
      k.times,
      boothId,
      hrUserId,
      now,
      answerMs,
      `${this.prefix}u:`,
      SERVICE_TIMES_KEPT,
      expectCalledAt === undefined ? '' : String(expectCalledAt),
    )) as string[];
    if (r[0] === 'STALE') return { stale: true };
    if (r[0] === 'PENDING') return { pendingMs: Number(r[1]) };
    const [outcome, prevUser, serviceMs, prevNumber, prevMode, nextUser, nextNumber, nextMode, nextSkips] = r;
    return {
      outcome: outcome as CallOutcome,
      previous: prevUser ? { user: prevUser, number: Number(prevNumber), mode: prevMode as QueueMode, serviceMs: serviceMs ? Number(serviceMs) : null } : null,
      next: nextUser ? { user: nextUser, number: Number(nextNumber), mode: nextMode as QueueMode, recall: nextSkips === '1' } : null,
    };
  }

  /** The called seeker takes the call (asks for the room token); false when they are not the one called. */
  async answer(boothId: string, userId: string, now: number): Promise<boolean> {
    return (await this.redis.client.eval(ANSWER, 1, this.k(boothId).cur, userId, now)) === 1;
  }

  /**
   * Moves the seeker being served to a colleague's desk; null when that seeker is not being served here. The booth
   * stays in the seeker's list (the conversation goes on) until they leave it.
   */
  async handOver(boothId: string, userId: string, toHrUserId: string): Promise<number | null> {
    const k = this.k(boothId);
    const [ok, number] = (await this.redis.client.eval(HAND_OVER, 3, k.cur, k.handed, this.mine(userId), userId, toHrUserId, boothId)) as string[];
    return ok === 'OK' ? Number(number) : null;
  }

  async current(boothId: string): Promise<CurrentCall | null> {
    const h = await this.redis.client.hgetall(this.k(boothId).cur);
    if (!h.user) return null;
    return {
      user: h.user,
      hr: h.hr,
      number: Number(h.number),
      mode: h.mode as QueueMode,
      skips: Number(h.skips),
      joinedAt: Number(h.joinedAt),
      calledAt: Number(h.calledAt),
      deadline: Number(h.deadline),
      answeredAt: h.answeredAt ? Number(h.answeredAt) : null,
    };
  }

  /** The colleague a seeker was handed to, if any. */
  async handedTo(boothId: string, userId: string): Promise<string | null> {
    return this.redis.client.hget(this.k(boothId).handed, userId);
  }

  async finishHandOver(boothId: string, userId: string): Promise<void> {
    await this.redis.client.hdel(this.k(boothId).handed, userId);
  }

  /** Waiting seekers in order, with their entries. */
  async waiting(boothId: string, limit = 200): Promise<Array<{ user: string } & QueueEntry>> {
    const k = this.k(boothId);
    const users = await this.redis.client.zrange(k.line, 0, limit - 1);
    if (!users.length) return [];
    const raw = await this.redis.client.hmget(k.entries, ...users);
    return users.map((user, i) => ({ user, ...(JSON.parse(raw[i] ?? '{}') as QueueEntry) }));
  }

  async waitingCount(boothId: string): Promise<number> {
    return this.redis.client.zcard(this.k(boothId).line);
  }

  /** 1-based place among the waiting seekers, with the entry; null when not waiting. */
  async position(boothId: string, userId: string): Promise<{ position: number; entry: QueueEntry } | null> {
    const k = this.k(boothId);
    const [[, rank], [, raw]] = (await this.redis.client.multi().zrank(k.line, userId).hget(k.entries, userId).exec()) as [
      [null, number | null],
      [null, string | null],
    ];
    if (rank === null || !raw) return null;
    return { position: rank + 1, entry: JSON.parse(raw) as QueueEntry };
  }

  /** The booth's recent service times (ms), newest first. */
  async serviceTimes(boothId: string): Promise<number[]> {
    return (await this.redis.client.lrange(this.k(boothId).times, 0, SERVICE_TIMES_KEPT - 1)).map(Number);
  }

  /** The booths a seeker waits at (or is called / served at). */
  async boothsOf(userId: string): Promise<string[]> {
    return this.redis.client.smembers(this.mine(userId));
  }
}
