// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

/// The contract the forge scenario deploys with `forge create` and from a script: a constructor argument, a state
/// change with an event, a view, and a custom error.
contract Counter {
    uint256 public count;
    address public immutable owner;

    event Counted(address indexed by, uint256 count);

    error TooHigh(uint256 count, uint256 limit);

    constructor(uint256 start) {
        count = start;
        owner = msg.sender;
    }

    function increment() external {
        count += 1;
        emit Counted(msg.sender, count);
    }

    function add(uint256 n, uint256 limit) external {
        if (count + n > limit) revert TooHigh(count + n, limit);
        count += n;
        emit Counted(msg.sender, count);
    }
}
