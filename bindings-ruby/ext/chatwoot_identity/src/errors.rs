//! `ChatwootIdentity::Error` and one subclass per core `ErrorCode`, created once at load.

use std::sync::OnceLock;

use chatwoot_identity::ErrorCode;
use magnus::{
    Attr, Error, ExceptionClass, Module, RModule, Ruby, Value, prelude::*, value::Opaque,
};

struct ErrorClasses {
    base: Opaque<ExceptionClass>,
    by_code: Vec<(ErrorCode, Opaque<ExceptionClass>)>,
}

static CLASSES: OnceLock<ErrorClasses> = OnceLock::new();

/// Defines `Error < StandardError` with `#code`, and `EmptySecretError`, `EmptyIdentifierError`,
/// ... for every code the core knows: a code added to the core gets its class with no change
/// here.
pub fn define(ruby: &Ruby, module: RModule) -> Result<(), Error> {
    let base = module.define_error("Error", ruby.exception_standard_error())?;
    base.define_attr("code", Attr::Read)?;
    ruby.gc_register_mark_object(base);
    let mut by_code = Vec::with_capacity(ErrorCode::ALL.len());
    for &code in ErrorCode::ALL {
        let class = module.define_error(class_name(code), base)?;
        ruby.gc_register_mark_object(class);
        by_code.push((code, Opaque::from(class)));
    }
    let _ = CLASSES.set(ErrorClasses {
        base: Opaque::from(base),
        by_code,
    });
    Ok(())
}

/// `empty_secret` → `EmptySecretError`.
fn class_name(code: ErrorCode) -> String {
    let mut name = String::new();
    for word in code.as_str().split('_') {
        let mut letters = word.chars();
        if let Some(first) = letters.next() {
            name.extend(first.to_uppercase());
            name.push_str(letters.as_str());
        }
    }
    name.push_str("Error");
    name
}

/// The Ruby exception for a core error: its code's class (the base class for a code this
/// build does not know), the core's message (which never holds a secret), and `#code`.
pub fn to_ruby(ruby: &Ruby, error: chatwoot_identity::Error) -> Error {
    let classes = CLASSES.get().expect("errors::define runs at load");
    let code = error.code();
    let class = classes
        .by_code
        .iter()
        .find(|(known, _)| *known == code)
        .map_or(classes.base, |(_, class)| *class);
    let exception = match ruby
        .get_inner(class)
        .new_instance((ruby.str_new(&error.to_string()),))
    {
        Ok(exception) => exception,
        Err(failed) => return failed,
    };
    // `Exception` is not an `Object` to magnus, so the ivar is set the Ruby way; this is the
    // error path, not a hot one.
    let code = ruby.str_new(code.as_str());
    if let Err(failed) = exception.funcall::<_, _, Value>("instance_variable_set", ("@code", code))
    {
        return failed;
    }
    exception.into()
}
