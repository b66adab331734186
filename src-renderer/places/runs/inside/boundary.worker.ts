/**
 * The Inside tab's worker: draws the decision boundary over two picked features from a stored snapshot's weights
 * (src-core/insight's `pickedBoundary`), off the UI thread. Answers each request with its token.
 */
import { pickedBoundary } from '../../../../src-core/insight/picked-plane';
import type { PickedReply, PickedRequest } from './picked-messages';

const scope = self as unknown as { onmessage: ((event: MessageEvent<PickedRequest>) => void) | null; postMessage(message: PickedReply): void };

scope.onmessage = (event) => {
  const { token, frame, snapshot, features } = event.data;
  try {
    const { boundary, bounds, plane } = pickedBoundary(frame, snapshot, features);
    scope.postMessage({ token, epoch: snapshot.epoch, features, boundary, bounds, labels: plane.labels });
  } catch (error) {
    scope.postMessage({ token, epoch: snapshot.epoch, features, error: error instanceof Error ? error.message : String(error) });
  }
};
