//! accs-sandbox
