import { z } from 'zod';
import type { GenericHtmlOptions } from '../generic/html-options.ts';
import type { GenericJsonOptions } from '../generic/json-options.ts';

/** What a preset becomes: options of one of the two generic engines. */
export type ResolvedLetters =
  | { engine: 'html'; options: GenericHtmlOptions }
  | { engine: 'json'; options: GenericJsonOptions };

/** Options every preset has. */
export const presetShape = {
  /** The board's name and area (`嘉鱼县 县长信箱`): the place hint of every letter. */
  board: z.string().min(1),
  max_pages: z.int().min(1).max(100).default(3),
  /** Fetch each letter's page for its full title, text and reply (the list has only a cut title). */
  fetch_details: z.boolean().default(true),
};

/** A reply field that only says there is no reply yet. */
const PENDING = '^(请耐心等待|暂无|尚未|未回复|待回复|无$)';

/** A date as boards print it in a table cell: `2026-1-5`, `2026/01/05 09:30`, `2026年1月5日`. */
export const DATE_REGEX = String.raw`\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}日?(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?`;

/**
 * A letter's page read by the labels boards print beside each value (`来信日期：`, `回信内容：`),
 * so the same fields fit the classic ASP board, Hanweb and TRS letter pages alike. Contact
 * details (phone, e-mail, address) are never read.
 */
export const LETTER_LABEL_FIELDS = {
  title: { label: ['信件标题', '来信标题', '信件主题', '标题', '主题'] },
  author: { label: ['来信人', '您的姓名', '写信人', '留言人', '咨询人', '姓名'] },
  published_at: { label: ['来信日期', '来信时间', '写信时间', '留言时间', '提交时间'] },
  text: {
    label: ['信件内容', '来信内容', '留言内容', '咨询内容', '诉求内容', '内容'],
    blank_if: '^\\*?来信者不希望公开',
  },
  status: { label: ['办理状态', '处理状态', '信件状态'] },
  reply_org: { label: ['答复单位', '回复单位', '回复部门', '办理单位', '处理单位', '承办单位'] },
  reply_time: { label: ['答复时间', '回复时间', '回信时间', '办理时间'], blank_if: PENDING },
  reply_text: {
    label: ['答复内容', '回复内容', '回信内容', '答复意见', '办理结果', '处理结果', '受理意见'],
    blank_if: PENDING,
  },
};

/** A folder URL that relative page names resolve against. */
export const folderUrl = z
  .url({ protocol: /^https?$/ })
  .refine((url) => url.endsWith('/'), 'the folder URL, ending in "/"');

export const siteUrl = z.url({ protocol: /^https?$/ }).transform((url) => url.replace(/\/+$/, ''));
