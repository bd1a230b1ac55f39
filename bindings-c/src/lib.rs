//! Scaffold: replaced by the binding.
