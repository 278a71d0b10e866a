import { z } from 'zod';
import type { CrimeThreshold } from '../src/domain/classification.ts';

/**
 * `config/crime-thresholds.yaml`. 法释〔2013〕3号 第三条 sets the ranges (one worker, three months
 * or more, 5,000–20,000 yuan; ten or more workers, 30,000–100,000 yuan in total) and each
 * province fixes its own figures within them.
 */
export const crimeThresholdsSchema = z.strictObject({
  province: z.string().min(2),
  basis: z.string().min(2),
  single_worker: z.strictObject({
    min_months: z.number().positive(),
    min_amount_yuan: z.number().min(5000).max(20000),
  }),
  many_workers: z.strictObject({
    min_workers: z.int().min(2),
    min_amount_yuan: z.number().min(30000).max(100000),
  }),
});

export type CrimeThresholds = z.infer<typeof crimeThresholdsSchema>;

export interface CaseFigures {
  amount_yuan: number | null;
  workers: number | null;
  months_owed: number | null;
}

/**
 * Whether the stated figures reach the province's thresholds for 拒不支付劳动报酬罪. `null` when
 * the text does not state enough to tell. A prompt to consider handing over to public
 * security, never a finding: the crime also needs a refusal after an official order to pay.
 */
export function checkCrimeThreshold(thresholds: CrimeThresholds, figures: CaseFigures): CrimeThreshold {
  const { amount_yuan: amount, workers, months_owed: months } = figures;
  const many = thresholds.many_workers;
  const single = thresholds.single_worker;
  if (amount !== null && workers !== null && workers >= many.min_workers && amount >= many.min_amount_yuan) {
    return {
      reached: true,
      basis: `${workers}名劳动者，累计${amount}元，达到${thresholds.province}“${many.min_workers}名以上、${many.min_amount_yuan}元以上”标准`,
    };
  }
  if (amount === null || workers === null || months === null) {
    return { reached: null, basis: '金额、人数或拖欠时长未说明，无法判断' };
  }
  const perWorker = amount / workers;
  if (months >= single.min_months && perWorker >= single.min_amount_yuan) {
    return {
      reached: true,
      basis: `人均${Math.round(perWorker)}元、拖欠${months}个月，达到${thresholds.province}“一名劳动者${single.min_months}个月以上、${single.min_amount_yuan}元以上”标准`,
    };
  }
  return {
    reached: false,
    basis: `${workers}名劳动者、${amount}元、${months}个月，未达到${thresholds.province}标准`,
  };
}
