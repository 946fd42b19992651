//! accs-transport
