// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

import {Vm} from "../script/MiniScript.sol";
import {Counter} from "../src/Counter.sol";

/// `forge test --fork-url` against the node: the test EVM reads the chain's accounts, code and storage at the fork
/// block (COUNTER = a Counter deployed earlier by the scenario, count EXPECTED) and changes only its own copy.
/// A failed require fails the test (no forge-std assertions offline).
contract ForkTest {
    Vm internal constant vm = Vm(address(uint160(uint256(keccak256("hevm cheat code")))));

    function test_readsAndChangesTheForkedChain() public {
        require(block.chainid == 31337, "chain id");
        require(address(0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266).balance > 1 ether, "dev account funded");
        Counter counter = Counter(vm.envAddress("COUNTER"));
        require(address(counter).code.length > 0, "deployed code read from the node");
        require(counter.count() == vm.envOr("EXPECTED", uint256(0)), "storage read from the node");
        counter.increment();
        require(counter.count() == vm.envOr("EXPECTED", uint256(0)) + 1, "the fork's copy changes");
        Counter fresh = new Counter(1);
        fresh.increment();
        require(fresh.count() == 2, "a contract deployed in the fork works");
    }
}
