package cn.servicecircle.support;

import reactor.blockhound.BlockHound;
import reactor.blockhound.integration.BlockHoundIntegration;

/**
 * Netty 4.2's adaptive buffer allocator briefly takes a StampedLock when two event loops grow or free a shared
 * magazine at once; BlockHound reports that as blocking (seen in CI as a failed R2DBC read). It is Netty's own
 * short internal lock, not a blocking call of ours, so it is allowed; everything else stays forbidden.
 */
public class NettyAllocatorBlockHoundIntegration implements BlockHoundIntegration {
    @Override
    public void applyTo(BlockHound.Builder builder) {
        builder.allowBlockingCallsInside("io.netty.buffer.AdaptivePoolingAllocator$MagazineGroup", "tryExpandMagazines");
        builder.allowBlockingCallsInside("io.netty.buffer.AdaptivePoolingAllocator$Magazine", "free");
        builder.allowBlockingCallsInside("io.netty.buffer.AdaptivePoolingAllocator$MagazineGroup", "allocate");
    }
}
