// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

/// Emits events with indexed and unindexed data, and fails in the three ways clients decode: a custom error,
/// a require reason (Error(string)) and a panic (Panic(uint256)).
contract Emitter {
    uint256 public counter;

    event Ping(address indexed sender, uint256 indexed count, string note);
    event Data(bytes32 indexed tag, bytes payload);

    error Unauthorized(address caller, uint256 code);

    function ping(string calldata note) external returns (uint256) {
        counter += 1;
        emit Ping(msg.sender, counter, note);
        return counter;
    }

    function pingMany(uint256 n) external {
        for (uint256 i = 0; i < n; i++) {
            counter += 1;
            emit Ping(msg.sender, counter, "many");
            emit Data(bytes32(i), abi.encodePacked(i, msg.sender));
        }
    }

    function failCustom(uint256 code) external view {
        revert Unauthorized(msg.sender, code);
    }

    function failReason(uint256 limit) external pure returns (uint256) {
        require(limit < 10, "limit too high");
        return limit;
    }

    function failPanic(uint256 divisor) external pure returns (uint256) {
        return 100 / divisor;
    }

    /// State-changing variant so a mined transaction reverts (status 0) after emitting nothing.
    function pingOrFail(bool fail) external {
        counter += 1;
        emit Ping(msg.sender, counter, "maybe");
        if (fail) revert Unauthorized(msg.sender, counter);
    }
}
