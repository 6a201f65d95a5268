/** GDPR art. 33(1): notify the supervisory authority within 72 hours of becoming aware of the breach. */
export const IMY_DEADLINE_HOURS = 72;

export function imyDeadline(discoveredAt: Date): Date {
  return new Date(discoveredAt.getTime() + IMY_DEADLINE_HOURS * 3600_000);
}

/** True when the report comes in after the deadline, so IMY will ask for the reason for the delay. */
export function isLate(discoveredAt: Date, now: Date): boolean {
  return now.getTime() > imyDeadline(discoveredAt).getTime();
}

export function hoursLeft(deadline: Date, now: Date): number {
  return (deadline.getTime() - now.getTime()) / 3600_000;
}
