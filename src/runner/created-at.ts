/** The `created` time a build run labels: `SOURCE_DATE_EPOCH` when set (reproducible images), else now. */
export const createdAt = (env: Readonly<Record<string, string | undefined>>): string => {
  const epoch = Number(env.SOURCE_DATE_EPOCH);
  return new Date(env.SOURCE_DATE_EPOCH && Number.isFinite(epoch) ? epoch * 1000 : Date.now()).toISOString();
};
