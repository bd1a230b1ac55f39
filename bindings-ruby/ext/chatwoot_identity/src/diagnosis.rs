//! The core's two answers to "why is this rejected?", read-only from Ruby: an identifier hash's
//! (`ChatwootIdentity::Diagnosis` of `Finding`s) and a webhook signature's (`WebhookDiagnosis`
//! of `WebhookFinding`s). Both have the same readers, so one macro declares each pair.

use chatwoot_identity::{Diagnosis, Finding, WebhookDiagnosis, WebhookFinding};
use magnus::{Error, RArray, RModule, Ruby, prelude::*};

/// A diagnosis class (`verified?`, `findings`) and its finding class (`code`, `message`), over
/// the core's values, and `$define`, which gives them their methods at load.
macro_rules! diagnosis_classes {
    (
        $define:ident:
        $diagnosis:ident($core_diagnosis:ty) as $diagnosis_class:literal,
        $finding:ident($core_finding:ty) as $finding_class:literal $(,)?
    ) => {
        #[magnus::wrap(class = $diagnosis_class, free_immediately, size, frozen_shareable)]
        pub struct $diagnosis(pub $core_diagnosis);

        #[magnus::wrap(class = $finding_class, free_immediately, size, frozen_shareable)]
        struct $finding($core_finding);

        impl $diagnosis {
            fn verified(&self) -> bool {
                self.0.verified
            }

            fn findings(ruby: &Ruby, rb_self: &Self) -> RArray {
                ruby.ary_from_iter(rb_self.0.findings.iter().copied().map($finding))
            }
        }

        impl $finding {
            fn code(&self) -> &'static str {
                self.0.code.as_str()
            }

            fn message(&self) -> &'static str {
                self.0.message
            }
        }

        fn $define(ruby: &Ruby, module: RModule) -> Result<(), Error> {
            let name = |class: &'static str| class.trim_start_matches("ChatwootIdentity::");
            let diagnosis = crate::wrapped_class(ruby, module, name($diagnosis_class))?;
            define!(diagnosis, define_method, method!:
                "verified?"/0 => $diagnosis::verified,
                "findings"/0 => $diagnosis::findings,
            );
            let finding = crate::wrapped_class(ruby, module, name($finding_class))?;
            define!(finding, define_method, method!:
                "code"/0 => $finding::code,
                "message"/0 => $finding::message,
            );
            Ok(())
        }
    };
}

diagnosis_classes! {
    define_hash_diagnosis:
    RbDiagnosis(Diagnosis) as "ChatwootIdentity::Diagnosis",
    RbFinding(Finding) as "ChatwootIdentity::Finding",
}

diagnosis_classes! {
    define_webhook_diagnosis:
    RbWebhookDiagnosis(WebhookDiagnosis) as "ChatwootIdentity::WebhookDiagnosis",
    RbWebhookFinding(WebhookFinding) as "ChatwootIdentity::WebhookFinding",
}

pub fn define(ruby: &Ruby, module: RModule) -> Result<(), Error> {
    define_hash_diagnosis(ruby, module)?;
    define_webhook_diagnosis(ruby, module)
}
