import { z } from 'zod';

export const ZErasureConfirm = z.object({ password: z.string().min(1).max(1024) });
