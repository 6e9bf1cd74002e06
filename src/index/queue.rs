//! A bound on the documents waiting for tantivy's indexing threads. Its
//! queue takes up to 10,000 documents, and the indexing threads are the
//! slower end of a build: the queue stays full, and 10,000 real articles
//! are 155 MB of the heap (a fifth of a 520,000-article build's peak,
//! heaptrack). Each document handed to tantivy here holds a place in
//! [`DocumentQueue`] until an indexing thread has indexed and dropped it;
//! the run waits for a place before handing over the next.

use std::sync::{Arc, Condvar, Mutex, PoisonError};
use std::time::Duration;

use tantivy::schema::Document;
use tantivy::TantivyDocument;

/// How many documents may wait for tantivy: a quarter of a second of
/// indexing real articles on two threads, about 16 MB of them.
pub const MAX_WAITING_DOCUMENTS: usize = 1_000;

/// How long the run waits for a place before handing the document over
/// anyway. A live writer frees places continuously; one that has died
/// never frees the places its documents hold, and the run must go on to
/// the next commit, which reports why it died.
const LONGEST_WAIT: Duration = Duration::from_millis(200);

/// Counts the documents handed to tantivy and not yet indexed.
pub struct DocumentQueue {
    waiting: Arc<(Mutex<usize>, Condvar)>,
    limit: usize,
    longest_wait: Duration,
}

impl DocumentQueue {
    pub fn new(limit: usize) -> DocumentQueue {
        DocumentQueue::waiting_at_most(limit, LONGEST_WAIT)
    }

    fn waiting_at_most(limit: usize, longest_wait: Duration) -> DocumentQueue {
        DocumentQueue {
            waiting: Arc::new((Mutex::new(0), Condvar::new())),
            limit: limit.max(1),
            longest_wait,
        }
    }

    /// Counts `document` as waiting until it is dropped. With the queue
    /// full, first waits until it is half empty (or for at most
    /// [`LONGEST_WAIT`]): woken for each place freed, the run would switch
    /// threads for every document.
    pub fn admit(&self, document: TantivyDocument) -> QueuedDocument {
        let (count, half_empty) = &*self.waiting;
        let mut waiting = count.lock().unwrap_or_else(PoisonError::into_inner);
        if *waiting >= self.limit {
            let low = self.limit / 2;
            waiting = half_empty
                .wait_timeout_while(waiting, self.longest_wait, |waiting| *waiting > low)
                .unwrap_or_else(PoisonError::into_inner)
                .0;
        }
        *waiting += 1;
        QueuedDocument {
            document,
            _place: Place {
                queue: Arc::clone(&self.waiting),
                low: self.limit / 2,
            },
        }
    }

    /// How many documents are waiting now.
    #[cfg(test)]
    fn waiting(&self) -> usize {
        *self
            .waiting
            .0
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
    }
}

/// A place in the queue, given back when the document holding it is
/// dropped.
struct Place {
    queue: Arc<(Mutex<usize>, Condvar)>,
    /// How few waiting documents wake the run.
    low: usize,
}

impl Drop for Place {
    fn drop(&mut self) {
        let (count, half_empty) = &*self.queue;
        let mut waiting = count.lock().unwrap_or_else(PoisonError::into_inner);
        *waiting = waiting.saturating_sub(1);
        if *waiting == self.low {
            half_empty.notify_all();
        }
    }
}

/// A document that holds its place in a [`DocumentQueue`] until tantivy
/// drops it, once indexed.
pub struct QueuedDocument {
    document: TantivyDocument,
    _place: Place,
}

impl Document for QueuedDocument {
    type Value<'a> = <TantivyDocument as Document>::Value<'a>;
    type FieldsValuesIter<'a> = <TantivyDocument as Document>::FieldsValuesIter<'a>;

    fn iter_fields_and_values(&self) -> Self::FieldsValuesIter<'_> {
        self.document.iter_fields_and_values()
    }

    fn into_tantivy_document(self) -> TantivyDocument {
        self.document
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use std::time::Instant;

    #[test]
    fn a_place_is_given_back_when_the_document_is_dropped() {
        let queue = DocumentQueue::new(2);
        let first = queue.admit(TantivyDocument::default());
        let second = queue.admit(TantivyDocument::default());
        assert_eq!(queue.waiting(), 2);
        drop(first);
        assert_eq!(queue.waiting(), 1);
        drop(second.into_tantivy_document());
        assert_eq!(queue.waiting(), 0);
    }

    #[test]
    fn a_full_queue_waits_until_it_is_half_empty() {
        let queue = DocumentQueue::waiting_at_most(4, Duration::from_secs(60));
        let mut held: Vec<_> = (0..4)
            .map(|_| queue.admit(TantivyDocument::default()))
            .collect();
        let started = Instant::now();
        let next = std::thread::scope(|scope| {
            let waiter = scope.spawn(|| queue.admit(TantivyDocument::default()));
            std::thread::sleep(Duration::from_millis(50));
            assert!(!waiter.is_finished(), "admitted past the limit");
            held.pop();
            std::thread::sleep(Duration::from_millis(50));
            assert!(!waiter.is_finished(), "admitted before half the queue left");
            held.pop();
            waiter.join().unwrap()
        });
        // Let in by the second drop, not by giving up after a minute.
        assert!(started.elapsed() < Duration::from_secs(30));
        assert_eq!(queue.waiting(), 3);
        drop(next);
    }

    #[test]
    fn a_queue_nobody_empties_stops_waiting() {
        let wait = Duration::from_millis(20);
        let queue = DocumentQueue::waiting_at_most(1, wait);
        let _stuck = queue.admit(TantivyDocument::default());
        let started = Instant::now();
        let _next = queue.admit(TantivyDocument::default());
        assert!(started.elapsed() >= wait);
        assert_eq!(queue.waiting(), 2);
    }
}
