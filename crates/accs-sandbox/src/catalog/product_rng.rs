//! A small, fast random stream for the generator (SplitMix64).
//!
//! Each product seeds its own stream, so seeding must be cheap: a ChaCha-based `StdRng` costs
//! more to seed than the rest of a product costs to build. Not for anything secret.

use rand::RngCore;

/// SplitMix64: one 64-bit word of state, full period, good enough to make catalogs look varied.
#[derive(Debug, Clone)]
pub(super) struct ProductRng {
    state: u64,
}

impl ProductRng {
    /// A stream for `(seed, id, stream)`; different inputs give unrelated streams.
    pub(super) fn new(seed: u64, id: u64, stream: u64) -> Self {
        let mut rng = Self { state: seed ^ id.wrapping_mul(0x9E37_79B9_7F4A_7C15) };
        rng.state ^= rng.next_u64() ^ stream.wrapping_mul(0xD1B5_4A32_D192_ED03);
        rng
    }
}

impl RngCore for ProductRng {
    fn next_u32(&mut self) -> u32 {
        (self.next_u64() >> 32) as u32
    }

    fn next_u64(&mut self) -> u64 {
        self.state = self.state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn fill_bytes(&mut self, dest: &mut [u8]) {
        for chunk in dest.chunks_mut(8) {
            let bytes = self.next_u64().to_le_bytes();
            chunk.copy_from_slice(&bytes[..chunk.len()]);
        }
    }

    fn try_fill_bytes(&mut self, dest: &mut [u8]) -> Result<(), rand::Error> {
        self.fill_bytes(dest);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::Rng;

    #[test]
    fn streams_differ_by_seed_id_and_stream_and_repeat_otherwise() {
        let draw = |seed, id, stream| ProductRng::new(seed, id, stream).next_u64();
        assert_eq!(draw(1, 2, 3), draw(1, 2, 3));
        assert_ne!(draw(1, 2, 3), draw(2, 2, 3));
        assert_ne!(draw(1, 2, 3), draw(1, 3, 3));
        assert_ne!(draw(1, 2, 3), draw(1, 2, 4));
    }

    #[test]
    fn ranges_are_covered_evenly() {
        let mut rng = ProductRng::new(0, 0, 0);
        let mut counts = [0u32; 10];
        for _ in 0..10_000 {
            counts[rng.gen_range(0..10)] += 1;
        }
        assert!(counts.iter().all(|count| (850..1150).contains(count)), "{counts:?}");
    }
}
