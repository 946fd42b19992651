//! accs-catalog
