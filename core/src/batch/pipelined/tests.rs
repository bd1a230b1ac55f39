use std::convert::Infallible;
use std::ops::Range;

use super::super::tests::{HOST_FAILURE, SECRET, fail_at_the_second_call, ids, one_by_one};
use super::super::{BATCH_ROUND_LEN, BatchError, PARALLEL_BATCH_THRESHOLD};
use crate::{Error, IdentifierHash, Signer};

/// What a pipelined batch gave: its hashes, or why it stopped.
type Outcome = Result<Vec<IdentifierHash>, BatchError<Infallible>>;

/// Runs a pipelined batch over `ids`, returning the outcome and the ranges `read` was asked for.
fn pipelined(signer: &Signer, ids: &[String]) -> (Outcome, Vec<Range<usize>>) {
    let mut ranges = Vec::new();
    let mut hashes = Vec::new();
    let result = signer.identifier_hashes_pipelined(
        ids.len(),
        |range, round| {
            ranges.push(range.clone());
            ids[range].iter().for_each(|id| round.push(id.as_bytes()));
            Ok(())
        },
        |round| {
            assert!(!round.is_empty() && round.len() <= BATCH_ROUND_LEN);
            hashes.extend_from_slice(round);
            Ok(())
        },
    );
    (result.map(|()| hashes), ranges)
}

#[test]
fn the_hashes_come_back_in_order_on_both_sides_of_every_boundary() {
    let signer = Signer::new(SECRET).unwrap();
    for n in [
        0,
        1,
        PARALLEL_BATCH_THRESHOLD - 1,
        PARALLEL_BATCH_THRESHOLD,
        BATCH_ROUND_LEN,
        BATCH_ROUND_LEN + 1,
        BATCH_ROUND_LEN * 3 + 5,
    ] {
        let ids = ids(n);
        let single = one_by_one(&signer, &ids);
        let (hashes, ranges) = pipelined(&signer, &ids);
        assert_eq!(hashes.unwrap(), single, "{n} identifiers");

        let mut expected_start = 0;
        for range in &ranges {
            assert_eq!(range.start, expected_start, "rounds are read in order");
            assert!(!range.is_empty() && range.len() <= BATCH_ROUND_LEN);
            expected_start = range.end;
        }
        assert_eq!(expected_start, n, "every position is read once");
    }
}

#[test]
fn an_empty_identifier_is_named_by_its_place_in_the_whole_batch() {
    let signer = Signer::new(SECRET).unwrap();
    for late in [0, 5, BATCH_ROUND_LEN, BATCH_ROUND_LEN * 2 + 3] {
        let mut ids = ids(BATCH_ROUND_LEN * 2 + 10);
        ids[late].clear();
        let (result, _) = pipelined(&signer, &ids);
        assert_eq!(
            result,
            Err(BatchError::Core(Error::EmptyIdentifierInBatch {
                index: late
            }))
        );
    }
}

#[test]
fn an_error_of_read_or_take_ends_the_batch_and_comes_back_as_it_was() {
    let signer = Signer::new(SECRET).unwrap();
    let ids = ids(BATCH_ROUND_LEN * 4);

    let mut reads = 0;
    let result = signer.identifier_hashes_pipelined(
        ids.len(),
        |range, round| {
            reads += 1;
            if reads == 3 {
                return Err("the host could not read an item");
            }
            ids[range].iter().for_each(|id| round.push(id.as_bytes()));
            Ok(())
        },
        |_| Ok(()),
    );
    assert_eq!(
        result,
        Err(BatchError::Host("the host could not read an item"))
    );
    assert_eq!(reads, 3, "no round is read after the failing one");

    let (mut reads, mut takes) = (0, 0);
    let result = signer.identifier_hashes_pipelined(
        ids.len(),
        |range, round| {
            reads += 1;
            ids[range].iter().for_each(|id| round.push(id.as_bytes()));
            Ok(())
        },
        |_| fail_at_the_second_call(&mut takes),
    );
    assert_eq!(result, Err(BatchError::Host(HOST_FAILURE)));
    assert_eq!(takes, 2);
    assert!(
        reads <= 3,
        "reading stops with the failing take (read {reads} rounds)"
    );
}

#[test]
#[should_panic(expected = "one identifier per position")]
fn a_host_that_pushes_too_few_identifiers_is_a_bug_not_a_short_batch() {
    let signer = Signer::new(SECRET).unwrap();
    let _ = signer.identifier_hashes_pipelined(
        10,
        |_, round| {
            round.push(b"only one");
            Ok::<(), Infallible>(())
        },
        |_| Ok(()),
    );
}
