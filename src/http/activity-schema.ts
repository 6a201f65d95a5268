import { z } from "zod";

/** The fields without which a turn cannot be answered; anything less is a 400 before the adapter sees it. */
export const IncomingActivitySchema = z.looseObject({
  type: z.string().min(1).max(64),
  id: z.string().max(512).optional(),
  serviceUrl: z.string().url().max(2048),
  channelId: z.string().min(1).max(64),
  conversation: z.looseObject({ id: z.string().min(1).max(1024) }),
  from: z.looseObject({ id: z.string().min(1).max(512) }),
});

export type IncomingActivity = z.infer<typeof IncomingActivitySchema>;
