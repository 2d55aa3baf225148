/** Thrown by a mapper when the API cannot express what a Dockerfile line says; the line becomes `raw(…)`. */
export class NotModelled extends Error {
  override readonly name = 'NotModelled';
}

export const notModelled = (reason: string): never => {
  throw new NotModelled(reason);
};
