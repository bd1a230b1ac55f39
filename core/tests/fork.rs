//! A large batch in a forked child, after the parent already ran one: the child must not wait
//! for the parent's pool threads, which fork() did not copy. (gunicorn --preload, Puma, PHP-FPM)

use chatwoot_identity::Signer;

fn large_batch(signer: &Signer) -> usize {
    let identifiers: Vec<String> = (0..50_000).map(|i| format!("user-{i}")).collect();
    signer.identifier_hashes(&identifiers).unwrap().len()
}

#[test]
fn a_forked_child_runs_large_batches() {
    let signer = Signer::new("secret").unwrap();
    assert_eq!(large_batch(&signer), 50_000, "the parent starts its pool");

    // SAFETY: the child only hashes, then leaves through _exit without running destructors or
    // atexit handlers it shares with the parent. alarm() turns a hang into SIGALRM.
    let child = unsafe { libc::fork() };
    assert!(child >= 0, "fork failed");
    if child == 0 {
        unsafe { libc::alarm(20) };
        let ok = large_batch(&signer) == 50_000;
        unsafe { libc::_exit(if ok { 0 } else { 1 }) };
    }
    let mut status = 0;
    // SAFETY: waiting for the child we just forked.
    assert_eq!(unsafe { libc::waitpid(child, &mut status, 0) }, child);
    assert!(
        libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0,
        "the child hung or failed (status {status:#x})"
    );
}
