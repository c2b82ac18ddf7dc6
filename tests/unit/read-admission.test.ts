import { createGate } from '../../src/middlewares/read-admission';

describe('the public read gate', () => {
  test('admits up to its places at once and the rest in order of arrival', async () => {
    const gate = createGate(2, 10);
    const admitted: number[] = [];
    const entries = [1, 2, 3, 4].map((id) => gate.enter().then(() => admitted.push(id)));
    await Promise.resolve();
    await Promise.resolve();
    expect(admitted).toEqual([1, 2]);
    expect(gate.waiting()).toBe(2);
    gate.leave();
    await entries[2];
    expect(admitted).toEqual([1, 2, 3]);
    gate.leave();
    await entries[3];
    expect(admitted).toEqual([1, 2, 3, 4]);
    expect(gate.running()).toBe(2);
    gate.leave();
    gate.leave();
    expect(gate.running()).toBe(0);
  });

  test('turns a request away at once when the queue is full', async () => {
    const gate = createGate(1, 1);
    expect(await gate.enter()).toBe(true);
    const queued = gate.enter();
    expect(await gate.enter()).toBe(false);
    gate.leave();
    expect(await queued).toBe(true);
  });
});
