import { EventStream } from '../../src/modules/events/event-stream';
import { Role } from '../../src/common/auth/role';
import { createUser, login } from '../factories/users.factory';
import { listen, openStream } from '../utils/sse-client';
import { createTestApp, TestApp } from '../utils/test-app';

/** Events relayed from other instances arrive through EventStream.emit, not always in id order. */
describe('Event stream with events from other instances (HTTP)', () => {
  let t: TestApp;
  let baseUrl: string;

  beforeAll(async () => {
    t = await createTestApp();
    baseUrl = await listen(t);
  });

  afterAll(async () => {
    await t.close();
  });

  it('should deliver relayed events that arrive out of id order, each once', async () => {
    const admin = await login(t, await createUser(t, Role.Admin));
    const stream = await openStream(baseUrl, '/api/v1/events', { authorization: `Bearer ${admin.accessToken}` });
    const events = t.app.get(EventStream);
    const relayed = (id: number) =>
      events.emit({
        id,
        channel: 'admin',
        userId: null,
        type: 'session.scheduled',
        payload: JSON.stringify({ n: id }),
      });
    relayed(1012);
    relayed(1011);
    relayed(1012);
    relayed(1013);
    await stream.waitFor((m) => m.id === '1013');
    stream.close();
    expect(stream.messages.map((m) => m.id)).toEqual(['1012', '1011', '1013']);
  });

  it('should not send what the client already had before its Last-Event-ID', async () => {
    const admin = await login(t, await createUser(t, Role.Admin));
    const stream = await openStream(baseUrl, '/api/v1/events', {
      authorization: `Bearer ${admin.accessToken}`,
      'last-event-id': '2000',
    });
    const events = t.app.get(EventStream);
    events.emit({ id: 1999, channel: 'admin', userId: null, type: 'session.scheduled', payload: '{}' });
    events.emit({ id: 2001, channel: 'admin', userId: null, type: 'session.scheduled', payload: '{}' });
    await stream.waitFor((m) => m.id === '2001');
    stream.close();
    expect(stream.messages.map((m) => m.id)).toEqual(['2001']);
  });
});
