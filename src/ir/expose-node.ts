import type { Located } from './model-path.js';

/** `EXPOSE 8080/tcp 53/udp`. */
export interface ExposeNode extends Located {
  readonly kind: 'expose';
  readonly ports: readonly { readonly port: number; readonly protocol: 'tcp' | 'udp' }[];
}
