/** The parts of an argon2 PHC string ($argon2id$v=19$m=19456,t=2,p=1$salt$hash) that decide its strength. */
export interface Argon2PhcParams {
  variant: string;
  version: number;
  memoryKiB: number;
  timeCost: number;
  parallelism: number;
}

const phcShape = /^\$(argon2(?:id|i|d))\$v=(\d+)\$([a-z]=\d+(?:,[a-z]=\d+)*)\$[A-Za-z0-9+/]+\$[A-Za-z0-9+/]+$/;

export function parseArgon2Phc(phc: string): Argon2PhcParams | null {
  const match = phcShape.exec(phc);
  if (match === null) return null;
  const params = new Map(
    match[3]!.split(',').map((pair) => {
      const [key, value] = pair.split('=');
      return [key!, Number(value)] as const;
    }),
  );
  const memoryKiB = params.get('m');
  const timeCost = params.get('t');
  const parallelism = params.get('p');
  if (memoryKiB === undefined || timeCost === undefined || parallelism === undefined) return null;
  return { variant: match[1]!, version: Number(match[2]), memoryKiB, timeCost, parallelism };
}
