/** The deployment key is missing, unreadable or wrong: the kiosk does not start. */
export class DeploymentKeyError extends Error {
  override readonly name = 'DeploymentKeyError';
}
