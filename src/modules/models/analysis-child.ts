/**
 * Entry file of the analysis child process (see analyze-in-child.ts). It takes the options over IPC,
 * reads the model's bytes from stdin (a pipe: the plaintext never touches the disk on the way), and
 * answers the analysis and the light preview made from the same parse, or the AppError that refused the file, over IPC. Nothing else:
 * it opens no database, reads no configuration and logs nothing.
 */
import { readFileSync } from 'node:fs';
import { isAppError } from '../../platform/errors/index.js';
import { analyzeModelStreamWithPreview } from './analyze-model.js';
import { ZChildRequest, type ChildAnswer } from './analysis-protocol.js';

process.once('message', (message: unknown) => {
  void answer(message).then(
    (reply) => process.send?.(reply, () => process.disconnect()),
    () => process.exit(70),
  );
});

async function answer(message: unknown): Promise<ChildAnswer> {
  const request = ZChildRequest.parse(message);
  try {
    const { analysis, preview } = await analyzeModelStreamWithPreview(process.stdin, request.options);
    return { ok: true, analysis, preview, peakRssBytes: peakRss() };
  } catch (error) {
    if (!isAppError(error)) throw error;
    return { ok: false, error: { code: error.code, message: error.message, details: error.details }, peakRssBytes: peakRss() };
  } finally {
    process.stdin.destroy();
  }
}

/**
 * This process's own peak RSS. Linux's getrusage keeps maxRSS across exec, so a child forked from a
 * large server (or test worker) would report its parent's size at the fork: VmHWM counts only the
 * memory of this program. Elsewhere, maxRSS (in kilobytes).
 */
function peakRss(): number {
  try {
    const hwm = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync('/proc/self/status', 'utf8'));
    if (hwm) return Number(hwm[1]) * 1024;
  } catch {
    // No /proc here: fall back.
  }
  return process.resourceUsage().maxRSS * 1024;
}
