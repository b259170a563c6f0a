/** Until the server publishes the manifest, the label stays generic rather than guessing an age. */
export function ageConfirmationLabel(minimumAge: number | null): string {
  if (minimumAge === null) return 'I confirm I am old enough to use this service under its privacy policy';
  return `I confirm I am at least ${minimumAge} years old, the minimum age to use this service under its privacy policy`;
}
