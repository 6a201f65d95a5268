import * as AC from "adaptivecards/dist/adaptivecards.js";

/** Parses a card with the adaptivecards library (schema 1.5, as Teams renders it) and returns its errors. */
export function cardErrors(card: unknown): string[] {
  const adaptive = new AC.AdaptiveCard();
  const context = new AC.SerializationContext(AC.Versions.v1_5);
  adaptive.parse(card, context);
  const errors: string[] = [];
  for (let i = 0; i < context.eventCount; i++) errors.push(context.getEventAt(i).message);
  for (const event of adaptive.validateProperties().validationEvents) errors.push(event.message);
  const version = (card as { version?: string }).version;
  if (version !== "1.5" && version !== "1.4")
    errors.push(`card version ${version} is not one Teams renders (max 1.5)`);
  return errors;
}
