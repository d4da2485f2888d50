/**
 * T2 (TESTING.md B.6): the golden sequence of 1 000 ancestral samples of M4
 * (float64 plan) for seed 'golden-1'. Each character is one sample in base
 * 32: bit u = unit u (a, b, c, d, e). Binary outputs must match exactly; a
 * change of stream (a policy change: streams are stable within a minor
 * version) must be justified in the commit and noted in the CHANGELOG.
 */
import { describe, expect, it } from 'vitest';
import { compile } from '@stochnet/model';
import { ancestralSample } from '@stochnet/inference';
import { m4 } from '../../../test/support/fixtures.js';

const GOLDEN =
  'uvqa83veoavf6lki6ugaven0lovavu4vcb0emrgfueef4lovqge4vovqfgveu4euque4sqsuvqcvvsvfgc4o6q06evmvsv0oqgun' +
  'u0fvfvevpvucvrvvp6404uar07vs0vqe0eurfuseeo4crrfe4eevvqrq4gacuov0vueq4evgfuovc3olv66qqq8v0ev4vqvul6q4' +
  'ucveveiv6qtuuvvscf4cquv2evvo6rqqvffvrvvvegkerjvvc4goon5vfqs4q44fv0cv2qvevar4vkvg0g0ce44qvgqrnrego8fe' +
  'eor4feuvgovu4cfveeecevoagu06e60fcvq0vqvg0guovfa40qug7rsfuqofvf0fevetevnqfeefvuqacrov4vcvefvuegurvs2e' +
  'g480uvvq6ef6eenqavq0gvrse2rrveevmqcinq4jo4ubfleqqe4qqg6aeegufronuucaguovvevf44c4qfuugafu4qurr5eueuq8' +
  'veeosfveocrvqegrleqovcroeuvguugequ85onf7rfffrkksfg4k40gvdesffqkrq654rou7rk4ebfgcbeggcouevvqcvfuoucvr' +
  'cgucrvuqnc2vqetgo4gvuou8ueuvgvuirv6e4v7q4tusrovevoqvugo4vugvqvvec4vfocv40evvqjvovroqvvs8oqgvofe86vvs' +
  'qov7ooqjvqfvfemcqurje0uerveeov4v4uveuurvf4ufq4v2vve60qrvvvvu4acmeuiqe6ccaqefv55vcgckeffoggcreferc7o7' +
  '0c4g4rrvcgq0v0ko5f2qvvf7tnfvvrfecfeefuuveek7v4qff0e44rffv4eeqvef4vcve8q4uegvvjvfeucuv0sveog7ukegfove' +
  'qqvvesvqefquvf44eve0vufecgpcqfevkenoevcbuqov7eoqeu6nurueeaes42vqr4vkqgvaggsskuvr6n8rkekeoevvvjjleqqu';

describe('T2 golden ancestral samples of M4', () => {
  it("seed 'golden-1' gives the stored 1 000 samples, in float64 and float32", () => {
    for (const dtype of ['float64', 'float32'] as const) {
      const { states } = ancestralSample(compile(m4(), { dtype }), { samples: 1000, seed: 'golden-1' });
      let s = '';
      for (let r = 0; r < 1000; r++) {
        let x = 0;
        for (let u = 0; u < 5; u++) x |= states[r * 5 + u]! << u;
        s += x.toString(32);
      }
      expect(s).toBe(GOLDEN);
    }
  });
});
