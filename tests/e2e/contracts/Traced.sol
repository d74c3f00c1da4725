// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

// Contracts for the tracer comparison (scenarios/tracers.mjs): a call tree with a value transfer, an event, a revert
// caught inside, a static call and a precompile; and a CREATE2 of a contract that self-destructs in the same
// transaction (EIP-6780: the account is removed).
contract TraceTarget {
    uint256 public stored;
    event Stored(uint256 value);

    function store(uint256 v) external payable {
        stored = v;
        emit Stored(v);
    }

    function fail(uint256 v) external {
        stored = v;
        revert("nope");
    }
}

contract TraceCaller {
    TraceTarget public immutable target;
    uint256 public calls;

    constructor(TraceTarget t) {
        target = t;
    }

    function callBoth(uint256 v) external payable returns (bytes32) {
        calls += 1;
        target.store{value: msg.value}(v);
        try target.fail(v + 1) {} catch {}
        uint256 seen = target.stored();
        return sha256(abi.encode(seen));
    }

    function deployAndKill(bytes32 salt) external payable returns (address) {
        Doomed d = new Doomed{salt: salt, value: msg.value}();
        d.kill(payable(msg.sender));
        return address(d);
    }
}

contract Doomed {
    constructor() payable {}

    function kill(address payable to) external {
        selfdestruct(to);
    }
}
