//! NIFs whose work can outgrow a normal scheduler (a long batch, a large webhook body): each has
//! a dirty-CPU twin. The normal one answers `:dirty` from a cost on, and the Elixir side then
//! calls the twin with the same arguments; below it, the move to a dirty scheduler and back
//! would cost more than the work.

use rustler::{Encoder, Env, Term, schedule};

use crate::reply::{Outcome, reply};

rustler::atoms! { dirty }

/// What a normal scheduler takes, in a function's own unit of work (identifiers, bytes).
pub struct Budget {
    /// From this cost the call runs on a dirty CPU scheduler.
    pub dirty_from: usize,
    /// About what a normal scheduler does in its 1 ms timeslice. A NIF counts as one reduction
    /// unless it reports more; reporting its share lets the VM switch processes on time when
    /// one calls it in a loop.
    pub per_timeslice: usize,
}

/// The work of a call on the caller's scheduler, or `:dirty` when it would cost too much there.
pub fn here_or_dirty<'a, T: Encoder>(
    env: Env<'a>,
    cost: usize,
    budget: &Budget,
    work: impl FnOnce() -> Outcome<T>,
) -> Term<'a> {
    if cost >= budget.dirty_from {
        return dirty().encode(env);
    }
    let reply = reply(env, work());
    let share = (cost * 100 / budget.per_timeslice).clamp(1, 100);
    // Whether the slice is used up matters only to a NIF that could yield; this one is done.
    let _ = schedule::consume_timeslice(env, share as i32);
    reply
}

/// Declares a NIF and its dirty-CPU twin from one signature and one body of work, so the two
/// cannot drift apart: the normal one does the work on the caller's scheduler, or answers `:dirty`
/// when it would cost `$cost` of `$budget` there (see [`here_or_dirty`]); the twin does the
/// same work on a dirty CPU scheduler. The work reads the arguments in the order the function
/// takes them, so the first wrong one is the one named. The `Env` is named as in `nifs!`.
macro_rules! nif_with_dirty_twin {
    (
        fn $normal:ident / $dirty:ident($env:pat $(, $argument:ident)*),
        costing $cost:expr, of $budget:expr => $work:block
    ) => {
        #[rustler::nif]
        fn $normal<'a>(
            env: rustler::Env<'a> $(, $argument: rustler::Term<'a>)*
        ) -> rustler::Term<'a> {
            let $env = env;
            $crate::dirty::here_or_dirty(env, $cost, &$budget, || $work)
        }

        #[rustler::nif(schedule = "DirtyCpu")]
        fn $dirty<'a>(
            env: rustler::Env<'a> $(, $argument: rustler::Term<'a>)*
        ) -> rustler::Term<'a> {
            let $env = env;
            let work = || -> $crate::reply::Outcome<_> { $work };
            $crate::reply::reply(env, work())
        }
    };
}

pub(crate) use nif_with_dirty_twin;
