//! `ChatwootIdentity::Error` with one subclass per core `ErrorCode`, and `WrongTypeError`, all
//! created once at load from the core's code table: a code added to the core gets its class
//! with no change here.

use std::sync::OnceLock;

use chatwoot_identity::ErrorCode;
use magnus::{
    Attr, Error, ExceptionClass, Module, RModule, Ruby, Value, prelude::*, value::Opaque,
};

struct ErrorClasses {
    base: Opaque<ExceptionClass>,
    wrong_type: Opaque<ExceptionClass>,
    by_code: Vec<(ErrorCode, Opaque<ExceptionClass>)>,
}

static CLASSES: OnceLock<ErrorClasses> = OnceLock::new();

/// `Error < StandardError` and `EmptySecretError`, `EmptyIdentifierError`, ... below it, each
/// with its `CODE`; `WrongTypeError < TypeError` for a structured input with a value of the
/// wrong type (a Ruby class has one superclass, so that one is a `TypeError`, as Ruby raises
/// for wrong types). Both roots have `#code`.
pub fn define(ruby: &Ruby, module: RModule) -> Result<(), Error> {
    let base = module.define_error("Error", ruby.exception_standard_error())?;
    let wrong_type = module.define_error("WrongTypeError", ruby.exception_type_error())?;
    let mut by_code = Vec::with_capacity(ErrorCode::ALL.len());
    for class in [base, wrong_type] {
        class.define_attr("code", Attr::Read)?;
        ruby.gc_register_mark_object(class);
    }
    for &code in ErrorCode::ALL {
        let class = module.define_error(format!("{}Error", code.pascal_case()), base)?;
        class.const_set("CODE", code.as_str())?;
        ruby.gc_register_mark_object(class);
        by_code.push((code, Opaque::from(class)));
    }
    let _ = CLASSES.set(ErrorClasses {
        base: Opaque::from(base),
        wrong_type: Opaque::from(wrong_type),
        by_code,
    });
    Ok(())
}

/// `core_result.or_raise(ruby)?`: the core's error as its Ruby exception (see [`to_ruby`]).
pub trait OrRaise<T> {
    fn or_raise(self, ruby: &Ruby) -> Result<T, Error>;
}

impl<T> OrRaise<T> for Result<T, chatwoot_identity::Error> {
    fn or_raise(self, ruby: &Ruby) -> Result<T, Error> {
        self.map_err(|error| to_ruby(ruby, error))
    }
}

/// The Ruby exception for a core error: `WrongTypeError` when the core says a value had the
/// wrong type, else its code's class; the core's message (which never holds a secret), and
/// `#code`.
pub fn to_ruby(ruby: &Ruby, error: chatwoot_identity::Error) -> Error {
    let classes = CLASSES.get().expect("errors::define runs at load");
    let code = error.code();
    let class = if error.is_wrong_type() {
        classes.wrong_type
    } else {
        classes
            .by_code
            .iter()
            .find(|(known, _)| *known == code)
            .map_or(classes.base, |(_, class)| *class)
    };
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
