import { MIN_GROUP } from './oversight.dto';
import { suppressParts } from './oversight.service';

describe('overview suppression', () => {
  describe(suppressParts.name, () => {
    const values = (counts: number[]) => suppressParts(counts).map((c) => c.value);

    it('should withhold a small part together with the next smallest, so 48 − 46 gives nothing away', () => {
      expect(values([46, 2, 0, 0, 0])).toEqual([null, null, 0, 0, 0]);
    });

    it('should add the next smallest parts until the withheld ones count at least five people', () => {
      expect(values([10, 3, 1, 7, 0])).toEqual([10, null, null, null, 0]);
      expect(values([6, 2, 3, 8, 0])).toEqual([6, null, null, 8, 0]);
      expect(values([20, 1, 1, 1, 1])).toEqual([null, null, null, null, null]);
      expect(values([20, 1, 1, 1, 1, 9])).toEqual([20, null, null, null, null, null]);
    });

    it('should not stop at parts of one person each that add up to the rest', () => {
      expect(values([12, 1, 1, 1, 1, 1])).toEqual([null, null, null, null, null, null]);
    });

    it('should show everything when no part is small, and empty parts otherwise', () => {
      expect(values([0, 5, 12, 0, 7])).toEqual([0, 5, 12, 0, 7]);
      expect(values([0, 0, 0])).toEqual([0, 0, 0]);
    });

    it('should keep a lone small part company with an empty one when nothing else is left', () => {
      expect(values([3, 0, 0])).toEqual([null, null, 0]);
    });

    it('should never let a withheld part be worked out from the total and the shown parts', () => {
      let seed = 7;
      const random = (n: number) => {
        seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
        return seed % n;
      };
      const failures: { counts: number[]; shown: (number | null)[]; problem: string }[] = [];
      for (let run = 0; run < 5000; run++) {
        const counts = Array.from({ length: 2 + random(6) }, () =>
          random(3) === 0 ? 0 : random(2) === 0 ? 1 + random(4) : random(40),
        );
        const shown = suppressParts(counts).map((c) => c.value);
        const fail = (problem: string) => failures.push({ counts, shown, problem });
        if (!counts.every((n, i) => shown[i] === null || shown[i] === n)) fail('a shown part is wrong');
        const hidden = shown.flatMap((v, i) => (v === null ? [i] : []));
        if (hidden.length === 0) {
          if (!counts.every((n) => n === 0 || n >= MIN_GROUP)) fail('a small part is shown');
          continue;
        }
        // What a reader knows: the total, the shown parts, and that a withheld part is ≥ 1 unless an empty one was withheld.
        const rest = counts.reduce((a, b) => a + b, 0) - shown.reduce<number>((a, v) => a + (v ?? 0), 0);
        const least = hidden.some((i) => counts[i] === 0) ? 0 : 1;
        const most = rest - least * (hidden.length - 1);
        const everythingWithheld = counts.every((n, i) => n === 0 || hidden.includes(i));
        // Only a programme whose every student is in a withheld part, one per part, with no empty part left, cannot be helped.
        if (everythingWithheld && !counts.includes(0) && rest <= hidden.length) continue;
        if (most <= least) fail('a withheld part follows from the total');
        if (!everythingWithheld && rest < MIN_GROUP) fail('the withheld parts add up to a small group');
      }
      expect(failures).toEqual([]);
    });
  });
});
