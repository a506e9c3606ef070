/**
 * Wire format of the browser host's WebSocket (path `/api`): the same contract as the Electron
 * preload, framed as JSON messages.
 */
import type { EventChannel, EventMap, RequestChannel, ResponseMap } from './contract';
import type { Result } from './result';

export const WS_PATH = '/api';

/** Client → server: call a request channel. `id` pairs the reply with the call. */
export interface WsRequest {
  id: number;
  channel: RequestChannel;
  payload: unknown;
}

/** Server → client: the answer to one request. */
export interface WsResponse {
  id: number;
  result: Result<ResponseMap[RequestChannel]>;
}

/** Server → client: a pushed event. */
export interface WsEvent<E extends EventChannel = EventChannel> {
  event: E;
  data: EventMap[E];
}
