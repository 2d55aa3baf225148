/**
 * Text Docker must not expand. Values Docker expands (ENV, LABEL, ARG defaults, WORKDIR, USER,
 * VOLUME, COPY/ADD paths, STOPSIGNAL) read `$NAME` and `${NAME}` as variables; inside them `$$` is
 * one literal `$`, and `literal(text)` writes every `$` of `text` that way:
 * `env({ HASH: literal('$6$salt$abc') })` renders `ENV HASH="\$6\$salt\$abc"`.
 * Elsewhere (RUN, CMD, ENTRYPOINT, HEALTHCHECK, SHELL) Docker expands nothing: write text as is.
 */
export const literal = (text: string): string => text.replaceAll('$', () => '$$');
